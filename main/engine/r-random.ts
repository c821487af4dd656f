// R's default random number generator, reproduced so that seeded random-order matching agrees
// with `set.seed(s); MatchIt::matchit(..., m.order = "random")` unit for unit.
//
// R (>= 3.6.0) defaults: RNGkind("Mersenne-Twister", "Inversion", "Rejection").
//  * set.seed(seed) (src/main/RNG.c, RNG_Init): the seed is scrambled by 50 steps of the LCG
//    seed = 69069 * seed + 1 (unsigned 32-bit), then each of the 625 words of the state
//    (mti followed by mt[0..623]) is filled by further LCG steps; FixupSeeds then sets mti = 624,
//    so the first draw regenerates the whole block.
//  * unif_rand() = fixup(MT_genrand()): the tempered 32-bit word times 2^-32, nudged into (0, 1).
//  * R_unif_index(dn) with sample.kind = "Rejection": draw ceil(log2(dn)) random bits, built from
//    16-bit chunks floor(unif_rand() * 65536), and reject values >= dn.
//  * sample.int(n) (do_sample, no replacement, equal probabilities): partial Fisher–Yates where
//    the j-th draw picks x[R_unif_index(n − j)] and moves the last element into its place.
// This is for reproducing R; it is not a recommendation of MT19937 for anything else.

const N = 624
const M = 397
const MATRIX_A = 0x9908b0df
const UPPER_MASK = 0x80000000
const LOWER_MASK = 0x7fffffff
const TEMPERING_MASK_B = 0x9d2c5680
const TEMPERING_MASK_C = 0xefc60000
const I2_32M1 = 2.328306437080797e-10 // 1 / (2^32 − 1), R's fixup constant

/** A Mersenne-Twister stream seeded exactly as R's `set.seed(seed)`. */
export class RRandom {
  private readonly mt = new Uint32Array(N)
  private mti = N + 1

  /** R: `set.seed(seed)` (kind "Mersenne-Twister", sample.kind "Rejection"). */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`)
    let s = seed >>> 0
    for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0
    // i_seed[0] is mti (dummy[0]); it is overwritten by FixupSeeds' "initial" branch below.
    s = (Math.imul(69069, s) + 1) >>> 0
    for (let j = 0; j < N; j++) {
      s = (Math.imul(69069, s) + 1) >>> 0
      this.mt[j] = s
    }
    this.mti = N
  }

  /** One tempered 32-bit word (MT_genrand before scaling). */
  private genrandInt32(): number {
    const mt = this.mt
    if (this.mti >= N) {
      let kk = 0
      let y: number
      for (; kk < N - M; kk++) {
        y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK)
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK)
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
      }
      y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK)
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
      this.mti = 0
    }
    let y = mt[this.mti++]!
    y ^= y >>> 11
    y ^= (y << 7) & TEMPERING_MASK_B
    y ^= (y << 15) & TEMPERING_MASK_C
    y ^= y >>> 18
    return y >>> 0
  }

  /** R: `runif(1)` — uniform on (0, 1). */
  unifRand(): number {
    const v = this.genrandInt32() * 2.3283064365386963e-10
    // fixup(): ensure in (0, 1)
    if (v <= 0) return 0.5 * I2_32M1
    if (1 - v <= 0) return 1 - 0.5 * I2_32M1
    return v
  }

  /** R_unif_index(dn) with sample.kind = "Rejection": uniform on {0, …, dn − 1}. */
  unifIndex(dn: number): number {
    if (dn <= 0) return 0
    const bits = Math.ceil(Math.log2(dn))
    let dv: number
    do {
      let v = 0
      for (let n = 0; n <= bits; n += 16) {
        const v1 = Math.floor(this.unifRand() * 65536)
        v = 65536 * v + v1
      }
      // Keep the low `bits` bits (v < 2^(16·chunks) ≤ 2^64 is exact in a double only below 2^53;
      // every n here is far below 2^31, so bits ≤ 31 and at most two chunks are drawn).
      dv = v % 2 ** bits
    } while (dn <= dv)
    return dv
  }

  /** R: `sample.int(n)` — a random permutation of 1..n (1-based, as R returns it). */
  samplePermutation(n: number): Int32Array {
    const x = new Int32Array(n)
    for (let i = 0; i < n; i++) x[i] = i
    const y = new Int32Array(n)
    let m = n
    for (let i = 0; i < n; i++) {
      const j = this.unifIndex(m)
      y[i] = x[j]! + 1
      x[j] = x[--m]!
    }
    return y
  }
}

/**
 * A random two-way table with the given row and column totals, drawn from the hypergeometric
 * distribution of tables with those margins: Patefield's algorithm AS 159 (Applied Statistics
 * 30(1), 1981) as R's rcont2 (src/library/stats/src/rcont.c, R ≥ 4.0), consuming R's uniform
 * stream draw for draw, so that `set.seed(s); r2dtable(...)` or `fisher.test(simulate.p.value =
 * TRUE)` see the same tables.
 *
 * @param fact log-factorials: fact[i] = log i!, for i up to the table total
 * @param matrix receives the table, column-major (nrow × ncol), as R stores it
 */
export function rcont2(rng: RRandom, nrowt: ArrayLike<number>, ncolt: ArrayLike<number>, ntotal: number, fact: Float64Array, jwork: Int32Array, matrix: Int32Array): void {
  const nrow = nrowt.length
  const ncol = ncolt.length
  const nr1 = nrow - 1
  const nc1 = ncol - 1
  let ib = 0
  for (let j = 0; j < nc1; ++j) jwork[j] = ncolt[j]!
  let jc = ntotal
  for (let l = 0; l < nr1; ++l) {
    let ia = nrowt[l]!
    let ic = jc
    jc -= ia
    for (let m = 0; m < nc1; ++m) {
      const id = jwork[m]!
      const ie = ic
      ib = ie - ia
      const ii = ib - id
      ic -= id
      if (ie === 0) {
        for (let j = m; j < nc1; ++j) matrix[l + j * nrow] = 0
        ia = 0
        break
      }
      let U = rng.unifRand()
      let nlm: number
      outer: for (;;) {
        nlm = Math.trunc(ia * (id / ie) + 0.5)
        let x = Math.exp(fact[ia]! + fact[ib]! + fact[ic]! + fact[id]! - fact[ie]! - fact[nlm]! - fact[id - nlm]! - fact[ia - nlm]! - fact[ii + nlm]!)
        if (x >= U) break
        if (x === 0) throw new RangeError(`rcont2 [${l},${m}]: exp underflow to 0; algorithm failure`)
        let sumprb = x
        let y = x
        let nll = nlm
        let lsp: boolean
        do {
          let j = (id - nlm) * (ia - nlm)
          lsp = nlm === ia || nlm === id
          if (!lsp) {
            ++nlm
            x *= j / (nlm * (ii + nlm))
            sumprb += x
            if (sumprb >= U) break outer
          }
          let lsm: boolean
          do {
            j = nll * (ii + nll)
            lsm = nll === 0
            if (!lsm) {
              --nll
              y *= j / ((id - nll) * (ia - nll))
              sumprb += y
              if (sumprb >= U) {
                nlm = nll
                break outer
              }
              if (!lsp) break
            }
          } while (!lsm)
        } while (!lsp)
        U = sumprb * rng.unifRand()
      }
      matrix[l + m * nrow] = nlm
      ia -= nlm
      jwork[m] = jwork[m]! - nlm
    }
    matrix[l + nc1 * nrow] = ia
  }
  for (let m = 0; m < nc1; ++m) matrix[nr1 + m * nrow] = jwork[m]!
  matrix[nr1 + nc1 * nrow] = ib - matrix[nr1 + (nc1 - 1) * nrow]!
}
