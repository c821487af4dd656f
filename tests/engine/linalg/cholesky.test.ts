import { describe, expect, it } from 'vitest'
import { DEFAULT_CHOLESKY_TOLERANCE, choleskyDecompose, choleskyInverse, choleskySolve, cholesky2 } from '@engine/linalg/cholesky'
import { expectClose } from '../../helpers/close'

const matmul = (a: ArrayLike<number>, b: ArrayLike<number>, n: number): number[] => {
  const out: number[] = []
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0
    for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + j]!
    out.push(s)
  }
  return out
}

describe('Cholesky kernel (survival cholesky2/chsolve2/chinv2)', () => {
  it("uses coxph.control's default tolerance .Machine$double.eps^0.75", () => {
    expectClose(DEFAULT_CHOLESKY_TOLERANCE, 1.818989403545856e-12, 1e-15)
  })

  it('factors a 3×3 SPD matrix as F D F\' with exact values', () => {
    // A = [[4, 2, -2], [2, 10, 2], [-2, 2, 5]]: D = (4, 9, 3), F21 = 1/2, F31 = -1/2, F32 = 1/3
    const f = choleskyDecompose([4, 2, -2, 2, 10, 2, -2, 2, 5], 3)
    expect(f.rank).toBe(3)
    expect(f.redundant).toEqual([])
    expectClose([f.factor[0]!, f.factor[4]!, f.factor[8]!], [4, 9, 3], 1e-15)
    expectClose([f.factor[3]!, f.factor[6]!, f.factor[7]!], [0.5, -0.5, 1 / 3], 1e-15)
    const x2 = choleskySolve(f, [4, 14, 5])
    expectClose(x2, [1, 1, 1], 1e-14)
    const inv = choleskyInverse(f)
    expectClose(matmul(inv, [4, 2, -2, 2, 10, 2, -2, 2, 5], 3), [1, 0, 0, 0, 1, 0, 0, 0, 1], 1e-13, 'A⁻¹A', 1e-14)
  })

  it('zeroes a redundant column: its solution component and its row and column of the inverse are 0', () => {
    // column 2 = 2 × column 1 in the Gram matrix of x1 = (1, 2, 3), x2 = 2·x1, x3 = (1, 0, 1)
    const a = [14, 28, 4, 28, 56, 8, 4, 8, 2]
    const f = choleskyDecompose(a, 3)
    expect(f.rank).toBe(2)
    expect(f.redundant).toEqual([1])
    const inv = choleskyInverse(f)
    expect([inv[1], inv[3], inv[4], inv[5], inv[7]]).toEqual([0, 0, 0, 0, 0])
    // the rest is the inverse of [[14, 4], [4, 2]] = [[2, -4], [-4, 14]] / 12
    expectClose([inv[0]!, inv[2]!, inv[8]!], [2 / 12, -4 / 12, 14 / 12], 1e-13)
    const x = choleskySolve(f, [18, 36, 6])
    expect(x[1]).toBe(0)
  })

  it('returns a negative rank for a matrix that is not non-negative definite', () => {
    const m = Float64Array.from([1, 2, 2, 1])
    expect(cholesky2(m, 2, DEFAULT_CHOLESKY_TOLERANCE)).toBe(-1)
  })
})
