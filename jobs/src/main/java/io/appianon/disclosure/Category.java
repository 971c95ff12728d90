package io.appianon.disclosure;

import io.appianon.core.Text;

/**
 * A category of information relating to individuals, as published (「性別」), and how it was processed.
 *
 * @param name the category, e.g. 性別 / Sex
 * @param processing how it was processed, e.g. 加工なし / not processed
 */
public record Category(Text name, Text processing) {}
