package io.appianon.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.appianon.core.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON output with Jackson (already on Spark's classpath): pretty, UTF-8, deterministic key order;
 * report records written in snake_case by {@link ReportJson}'s rules.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      ReportJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One-line JSON, e.g. for an append-only log. */
  public static String line(Object value) {
    try {
      return MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, Object value) throws IOException {
    Files.writeString(file, write(value) + "\n", StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Map.class);
  }
}
