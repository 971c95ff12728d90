/**
 * Privacy models, risk and utility metrics, and anonymization strategies for "anonymously processed
 * information" (APPI Art. 43): the part of the pipeline that decides how far quasi-identifiers are
 * generalized and which records are suppressed.
 *
 * <p><b>Flow.</b> {@link io.appianon.privacy.Anonymizer#apply} builds a {@link
 * io.appianon.privacy.FrequencyTable} with one Spark aggregation (distinct QI combinations with
 * counts and sensitive histograms; only this aggregate reaches the driver), {@link
 * io.appianon.privacy.LatticeSearch} finds the optimal level vector by rolling that table up on the
 * driver, and the output is derived on Spark with map-literal generalization and a broadcast
 * left-anti join against the failing classes. {@link io.appianon.privacy.Mondrian} is the
 * local-recoding alternative, run on Spark; {@link io.appianon.privacy.KmAnonymity} covers
 * transaction (basket) data.
 *
 * <p><b>Models.</b> One small class per privacy model, each citing its paper and deciding on an
 * {@link io.appianon.privacy.EquivalenceClass} (count and sensitive histogram) plus the global
 * {@link io.appianon.privacy.SensitiveContext}: {@link io.appianon.privacy.KAnonymity}, {@link
 * io.appianon.privacy.DistinctLDiversity}, {@link io.appianon.privacy.EntropyLDiversity}, {@link
 * io.appianon.privacy.RecursiveCLDiversity}, {@link io.appianon.privacy.EqualDistanceTCloseness},
 * {@link io.appianon.privacy.OrderedDistanceTCloseness}, {@link
 * io.appianon.privacy.HierarchicalDistanceTCloseness}. Classes failing any model are suppressed; a
 * node is feasible when the suppressed share is within the limit.
 *
 * <p><b>Exactness.</b> The search is exact for every model and objective: pruning uses only (1)
 * monotonicity of the models that are monotone for the given limit (k-anonymity and distinct
 * l-diversity with any limit, every model at 0 %) and (2) lower bounds of the objective that are
 * monotone over the lattice (the loss metrics themselves are not monotone once suppression is
 * allowed). Tests compare it with exhaustive evaluation.
 */
package io.appianon.privacy;
