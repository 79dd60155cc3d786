/**
 * JSON for every cskit value: {@link org.cskit.model.json.CsJson} reads and writes, and turns
 * every problem into one {@link org.cskit.model.json.JsonInputException} that names the JSON path.
 */
package org.cskit.model.json;
