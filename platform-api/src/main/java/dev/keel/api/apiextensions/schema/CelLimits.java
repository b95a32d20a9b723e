package dev.keel.api.apiextensions.schema;

/**
 * Kubernetes' CEL cost limits for CRD validation rules (k8s.io/apiserver celconfig): the estimated cost of one rule
 * ({@code StaticEstimatedCostLimit}), of all rules of one schema weighted by how often each runs
 * ({@code StaticEstimatedCRDCostLimit}), the actual cost of one evaluation ({@code PerCallLimit}) and of all rules on
 * one object ({@code RuntimeCELCostBudget}).
 */
record CelLimits(long ruleEstimate, long schemaEstimate, long perCall, long perObject) {

    static final CelLimits KUBERNETES = new CelLimits(10_000_000L, 100_000_000L, 1_000_000L, 10_000_000L);
}
