/**
 * out[r·nb + i] = a_r · b_i for the first `na` rows of a and `nb` rows of b (both row-major, `dim` wide):
 * a × bᵀ. Four rows of a share each row of b they are multiplied with, which roughly halves the time of the
 * plain triple loop; sums run in float64, so results are the same in every JavaScript engine.
 */
export function rowDots(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number, out = new Float32Array(na * nb)): Float32Array {
  let r = 0;
  for (; r + 4 <= na; r += 4) {
    const a0 = r * dim;
    const a1 = a0 + dim;
    const a2 = a1 + dim;
    const a3 = a2 + dim;
    const o = r * nb;
    for (let i = 0; i < nb; i++) {
      const bo = i * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < dim; j++) {
        const e = b[bo + j];
        s0 += a[a0 + j] * e;
        s1 += a[a1 + j] * e;
        s2 += a[a2 + j] * e;
        s3 += a[a3 + j] * e;
      }
      out[o + i] = s0;
      out[o + nb + i] = s1;
      out[o + 2 * nb + i] = s2;
      out[o + 3 * nb + i] = s3;
    }
  }
  for (; r < na; r++) {
    const ao = r * dim;
    for (let i = 0; i < nb; i++) {
      const bo = i * dim;
      let s = 0;
      for (let j = 0; j < dim; j++) s += a[ao + j] * b[bo + j];
      out[r * nb + i] = s;
    }
  }
  return out;
}
