/**
 * The registry of benchmark sections, in the order they run. Add a section by importing it here.
 *
 * @packageDocumentation
 */
import { deriveSection } from "./derive.js";
import { flowSection } from "./flow.js";
import { gdSection } from "./gd.js";
import { hu2020SideBySideSection } from "./hu2020-side-by-side.js";
import { linalgSection } from "./linalg.js";
import { matmulSection } from "./matmul.js";
import type { BenchSection } from "./section.js";
import { threeLayerPointSection } from "./three-layer-point.js";
import { twoLayerPointSection } from "./two-layer-point.js";

export const sections: readonly BenchSection[] = [
  matmulSection,
  linalgSection,
  flowSection,
  gdSection,
  deriveSection,
  twoLayerPointSection,
  threeLayerPointSection,
  hu2020SideBySideSection,
];
