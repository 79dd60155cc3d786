/**
 * RavenStack-format data (synthetic B2B SaaS data by River @ Rivalytics, shipped with cskit)
 * read into cskit's model: {@link org.cskit.cli.ravenstack.RavenStack} gives the accounts and
 * their contracts as of any day and every account's signals; {@link org.cskit.cli.ravenstack.RavenStackScoring}
 * holds the feature definitions and the scorecard the cskit command scores them with, as JSON.
 */
package org.cskit.cli.ravenstack;
