/**
 * Cartesian parameter grids for sweeps.
 *
 * @packageDocumentation
 */
import { errorMessage, ShapeError } from "../core/errors.js";
import type { SweepParams, SweepPoint } from "./sweep-point.js";

/** Axis values by name; the first axis varies slowest. */
export type GridAxes = Readonly<Record<string, readonly (number | string | boolean)[]>>;

/**
 * The Cartesian product of the axes, first axis slowest, with keys `name=value,…` in axis order (numbers
 * printed by `String`, so 0.5 → "0.5", 1e5 → "100000").
 * @throws ShapeError when an axis is empty or has repeated values (keys would collide)
 */
export function cartesianGrid(axes: GridAxes): SweepPoint[] {
  const names = Object.keys(axes);
  for (const name of names) {
    const values = axes[name] as readonly unknown[];
    if (!Array.isArray(values) || values.length === 0) {
      throw new ShapeError(
        errorMessage(`axes.${name}`, values, "must be a non-empty array", "Give each axis at least one value."),
      );
    }
    if (new Set(values.map(String)).size !== values.length) {
      throw new ShapeError(errorMessage(`axes.${name}`, values, "must not repeat a value", "Remove duplicate values."));
    }
  }
  const points: SweepPoint[] = [];
  const counts = names.map((n) => (axes[n] as readonly unknown[]).length);
  const total = counts.reduce((p, c) => p * c, 1);
  for (let index = 0; index < total; index++) {
    let rest = index;
    const params: Record<string, number | string | boolean> = {};
    const idx = new Array<number>(names.length);
    for (let k = names.length - 1; k >= 0; k--) {
      idx[k] = rest % (counts[k] as number);
      rest = Math.floor(rest / (counts[k] as number));
    }
    const parts: string[] = [];
    names.forEach((name, k) => {
      const value = (axes[name] as readonly (number | string | boolean)[])[idx[k] as number] as
        | number
        | string
        | boolean;
      params[name] = value;
      parts.push(`${name}=${String(value)}`);
    });
    points.push({ index, key: parts.join(","), params: params as SweepParams });
  }
  return points;
}
