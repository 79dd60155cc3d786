/**
 * RavenStack-format data (synthetic B2B SaaS data by River @ Rivalytics, shipped with the samples)
 * read into cskit's model: {@link org.cskit.samples.ravenstack.RavenStack} gives the accounts and
 * their contracts as of any day and every account's signals; {@link org.cskit.samples.ravenstack.RavenStackScoring}
 * holds the feature definitions and the scorecard the samples score them with, as JSON.
 */
package org.cskit.samples.ravenstack;
