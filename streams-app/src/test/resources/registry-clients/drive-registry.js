// Drives a schema registry with two third-party clients from npm, Confluent's own (@confluentinc/schemaregistry)
// and @kafkajs/confluent-schema-registry, the way a producer and a BI consumer use them. Prints one JSON line:
// {"calls":[{"call":…,"ok":true|false,"detail":…}]}. Usage: node drive-registry.js URL USER:PASSWORD
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const [url, userInfo] = process.argv.slice(2);
const [username, password] = userInfo.split(':');
const record = (name, fields) => JSON.stringify({ type: 'record', name, namespace: 'clients', fields });
const paymentV1 = record('Payment', [{ name: 'id', type: 'string' }]);
const paymentV2 = record('Payment', [{ name: 'id', type: 'string' }, { name: 'amount', type: 'double', default: 0 }]);
const paymentRequired = record('Payment', [{ name: 'id', type: 'string' }, { name: 'currency', type: 'string' }]);

const calls = [];
async function call(name, fn, check = () => true) {
  try {
    const result = await fn();
    const ok = check(result);
    calls.push({ call: name, ok: Boolean(ok), detail: ok ? undefined : JSON.stringify(result) });
    return result;
  } catch (e) {
    calls.push({ call: name, ok: false, detail: String(e && (e.message || e)) });
    return undefined;
  }
}
async function refused(name, fn, status) {
  try {
    await fn();
    calls.push({ call: name, ok: false, detail: 'accepted' });
  } catch (e) {
    const code = e.status || e.statusCode || (e.response && e.response.status) || e.code;
    calls.push({ call: name, ok: String(code).startsWith(String(status)) || String(e.message).includes(String(status)), detail: String(e.message) });
  }
}

(async () => {
  const confluent = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0,
    basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo } });
  const schema = (text) => ({ schemaType: 'AVRO', schema: text });

  const id1 = await call('confluent register', () => confluent.register('payments-value', schema(paymentV1)), (id) => id > 0);
  await call('confluent register evolved', () => confluent.register('payments-value', schema(paymentV2)), (id) => id > id1);
  await refused('confluent register incompatible', () => confluent.register('payments-value', schema(paymentRequired)), 409);
  await call('confluent getId', () => confluent.getId('payments-value', schema(paymentV1)), (id) => id === id1);
  await call('confluent getBySubjectAndId', () => confluent.getBySubjectAndId('payments-value', id1), (s) => JSON.parse(s.schema).name === 'Payment');
  await call('confluent getLatestSchemaMetadata', () => confluent.getLatestSchemaMetadata('payments-value'), (m) => m.version === 2);
  await call('confluent getSchemaMetadata', () => confluent.getSchemaMetadata('payments-value', 1), (m) => m.id === id1);
  await call('confluent getAllVersions', () => confluent.getAllVersions('payments-value'), (v) => JSON.stringify(v) === '[1,2]');
  await call('confluent getVersion', () => confluent.getVersion('payments-value', schema(paymentV2)), (v) => v === 2);
  await call('confluent getAllSubjects', () => confluent.getAllSubjects(), (s) => s.includes('payments-value'));
  await call('confluent testSubjectCompatibility', () => confluent.testSubjectCompatibility('payments-value', schema(paymentRequired)), (ok) => ok === false);
  await call('confluent testCompatibility', () => confluent.testCompatibility('payments-value', 2, schema(paymentV2)), (ok) => ok === true);
  await call('confluent updateDefaultCompatibility', () => confluent.updateDefaultCompatibility('FULL'), (c) => c === 'FULL');
  await call('confluent getDefaultCompatibility', () => confluent.getDefaultCompatibility(), (c) => c === 'FULL');
  await call('confluent updateCompatibility', () => confluent.updateCompatibility('payments-value', 'NONE'), (c) => c === 'NONE');
  await call('confluent getCompatibility', () => confluent.getCompatibility('payments-value'), (c) => c === 'NONE');
  await call('confluent updateDefaultCompatibility back', () => confluent.updateDefaultCompatibility('BACKWARD'), (c) => c === 'BACKWARD');

  const serializer = new AvroSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true });
  const deserializer = new AvroDeserializer(confluent, SerdeType.VALUE, {});
  const bytes = await call('confluent AvroSerializer', () => serializer.serialize('payments', { id: 'P-1', amount: 12.5 }),
    (b) => b[0] === 0 && b.readInt32BE(1) > 0);
  await call('confluent AvroDeserializer', () => deserializer.deserialize('payments', bytes), (v) => v.id === 'P-1' && v.amount === 12.5);

  await call('confluent deleteSubjectVersion soft', () => confluent.deleteSubjectVersion('payments-value', 2, false), (v) => v === 2);
  await call('confluent deleteSubjectVersion permanent', () => confluent.deleteSubjectVersion('payments-value', 2, true), (v) => v === 2);
  await call('confluent deleteSubject soft', () => confluent.deleteSubject('payments-value', false), (v) => JSON.stringify(v) === '[1]');
  await call('confluent deleteSubject permanent', () => confluent.deleteSubject('payments-value', true), (v) => JSON.stringify(v) === '[1]');

  const kafkajs = new SchemaRegistry({ host: url, auth: { username, password } });
  const registered = await call('kafkajs register', () => kafkajs.register({ type: SchemaType.AVRO, schema: paymentV1 },
    { subject: 'refunds-value' }), (r) => r.id > 0);
  await call('kafkajs register evolved', () => kafkajs.register({ type: SchemaType.AVRO, schema: paymentV2 }, { subject: 'refunds-value' }),
    (r) => r.id > 0);
  await refused('kafkajs register incompatible', () => kafkajs.register({ type: SchemaType.AVRO, schema: paymentRequired },
    { subject: 'refunds-value' }), 409);
  const latest = await call('kafkajs getLatestSchemaId', () => kafkajs.getLatestSchemaId('refunds-value'), (id) => id > 0);
  await call('kafkajs getRegistryId', () => kafkajs.getRegistryId('refunds-value', 1), (id) => registered && id === registered.id);
  await call('kafkajs getRegistryIdBySchema', () => kafkajs.getRegistryIdBySchema('refunds-value', { type: SchemaType.AVRO, schema: paymentV2 }),
    (id) => id === latest);
  await call('kafkajs getSchema', () => kafkajs.getSchema(latest), (s) => s && s.name === 'clients.Payment');
  const encoded = await call('kafkajs encode', () => kafkajs.encode(latest, { id: 'R-1', amount: 3 }), (b) => b[0] === 0);
  await call('kafkajs decode', () => kafkajs.decode(encoded), (v) => v.id === 'R-1' && v.amount === 3);
  await call('confluent decodes what kafkajs encoded', () => deserializer.deserialize('refunds', encoded), (v) => v.id === 'R-1');

  process.stdout.write(JSON.stringify({ calls }) + '\n');
})().catch((e) => {
  process.stdout.write(JSON.stringify({ calls, failure: String(e && e.stack || e) }) + '\n');
});
