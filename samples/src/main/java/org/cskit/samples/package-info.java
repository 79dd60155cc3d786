/**
 * Runnable programs that show cskit at work. {@link org.cskit.samples.QuickStart} is the README's
 * sample; the full demo (scoring and playbooks over a portfolio) arrives with those modules.
 */
package org.cskit.samples;
