package com.o2cpulse.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/** The Avro data model of the serde: specific records with the logical-type conversions generated classes expect. */
final class LogicalTypesSpecificData {

    private LogicalTypesSpecificData() {
    }

    /**
     * A model mapping decimal to BigDecimal, date to LocalDate and the time and timestamp types to java.time. The
     * generated classes convert their own fields, but values inside unions, arrays and maps are converted by this.
     */
    static SpecificData create(ClassLoader classLoader) {
        SpecificData data = new SpecificData(classLoader);
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
