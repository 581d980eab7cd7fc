package com.o2cpulse.oracle;

import java.util.Arrays;
import java.util.Optional;

/** The four input streams as a replay file names them in its {@code "stream"} field. */
public enum ReplayStream {
  ORDER("order"),
  ALLOCATION("allocation"),
  SHIPMENT("shipment"),
  INVOICE("invoice");

  private final String fileName;

  ReplayStream(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }

  public static Optional<ReplayStream> fromFileName(String name) {
    return Arrays.stream(values()).filter(s -> s.fileName.equals(name)).findFirst();
  }
}
