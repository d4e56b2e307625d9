/**
 * The citation and the stated conventions shared by every Ziyin, Li, Meng 2022 claim.
 *
 * @packageDocumentation
 */
import type { ClaimSource } from "../../src/claims/claim.js";

/** Ziyin, Li, Meng 2022 with a section or equation. */
export function ziyinSource(section: string): ClaimSource {
  return {
    paper: 'Ziyin, Li, Meng 2022, "Exact Solutions of a Deep Linear Network" (NeurIPS 2022)',
    arxiv: "2202.04777",
    section,
  };
}

/**
 * Conventions stated in every claim's formalisation: depth, loss, noise law. The noise law is the working
 * assumption of the project note (shared/papers/ziyin2022-exact-solutions.md): the paper's copy available
 * did not show it.
 */
export const ZIYIN_CONVENTIONS =
  "Depth L = number of weight matrices (the paper's depth D counts hidden layers: D = L − 1). Loss " +
  "E_{x,ε}(ŷ − y)² + Σ_i γ_i‖W_i‖_F² (no ½, the paper's Eq. 1). Stochastic neurons: every hidden unit of layer i " +
  "is multiplied by independent noise with E[ε] = 1 and Var[ε] = σ_i² (assumed noise law: standard in the " +
  "authors' related work; the copy of the paper available did not show it), averaged exactly by the numeric core.";
