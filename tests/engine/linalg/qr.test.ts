import { describe, expect, it } from 'vitest'
import { expectClose } from '../../helpers/close'
import { qrChol2inv, qrCoefficients, qrDecompose, qrQty } from '../../../main/engine/linalg/qr'

// X = cbind(1:4, 2*(1:4), c(1,0,0,1)); the second column is twice the first.
const X = Float64Array.from([1, 2, 3, 4, 2, 4, 6, 8, 1, 0, 0, 1])

describe('qrDecompose (dqrdc2)', () => {
  it('matches R qr(X, tol = 1e-7): an aliased column moves to the end, the others keep their order', () => {
    const q = qrDecompose(X, 4, 3, 1e-7)
    expect(q.rank).toBe(2)
    expect(Array.from(q.pivot)).toEqual([0, 2, 1])
    // R: q$qr and q$qraux (first two columns; the third is rounding noise of a null column)
    expectClose(Array.from(q.qr.subarray(0, 8)), [-5.4772255750516612, 0.3651483716701107, 0.5477225575051661, 0.7302967433402214, -0.9128709291752766, 1.0801234497346432, 0.8202467247654609, 0.1678421999147297], 1e-12)
    expectClose(q.qr[8]!, -10.95445115010332, 1e-12)
    expectClose(Array.from(q.qraux.subarray(0, 2)), [1.182574185835055, 1.546831149843641], 1e-12)
  })

  it('matches R qr.coef(q, y) (NA for the aliased column) and chol2inv(q$qr[1:2, 1:2])', () => {
    const q = qrDecompose(X, 4, 3, 1e-7)
    const y = Float64Array.from([1, 3, 2, 5])
    qrQty(q, y)
    const b = qrCoefficients(q, y)
    // pivoted order: columns 1, 3 then the aliased 2 (zero, R's NA)
    expectClose(b[0]!, 1.0285714285714287, 1e-12)
    expectClose(b[1]!, 0.4285714285714275, 1e-12)
    expect(b[2]).toBe(0)
    expectClose(Array.from(qrChol2inv(q)), [0.05714285714285712, -0.1428571428571428, -0.14285714285714282, 0.8571428571428573], 1e-12)
  })

  it('does not modify its input and handles a zero column', () => {
    const copy = Float64Array.from(X)
    qrDecompose(X, 4, 3)
    expect(X).toEqual(copy)
    const q = qrDecompose(Float64Array.from([0, 0, 0, 1, 2, 3]), 3, 2)
    expect(q.rank).toBe(1)
    expect(Array.from(q.pivot)).toEqual([1, 0])
  })
})
