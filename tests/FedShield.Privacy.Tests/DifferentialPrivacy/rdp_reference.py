"""Reference RDP values of the sampled Gaussian mechanism by multi-precision quadrature.

Prints RDP(alpha) = ln(A_alpha)/(alpha - 1) for the cases that RdpAccountantTests compares with,
where A_alpha = E_{z~N(0, s^2)}[((1 - q) + q exp((2z - 1)/(2 s^2)))^alpha], integrated with mpmath
at 50 significant digits on a grid refined around 0, the crossing point z0 and alpha.
Rerun with: apt-get install python3-mpmath && python3 rdp_reference.py
"""
import mpmath as mp

mp.mp.dps = 50


def rdp(q, sigma, alpha):
    q, sigma, alpha = mp.mpf(q), mp.mpf(sigma), mp.mpf(alpha)

    def integrand(z):
        return mp.npdf(z, 0, sigma) * ((1 - q) + q * mp.exp((2 * z - 1) / (2 * sigma**2))) ** alpha

    z0 = sigma**2 * mp.log(1 / q - 1) + mp.mpf(1) / 2
    knots = sorted({-10 * sigma, mp.mpf(0), z0, alpha, alpha + 10 * sigma})
    grid = [-mp.inf]
    for a, b in zip(knots[:-1], knots[1:]):
        grid += [a + (b - a) * i / 20 for i in range(20)]
    grid += [knots[-1], mp.inf]
    return mp.log(mp.quad(integrand, grid)) / (alpha - 1)


CASES = [
    # (q, sigma, alpha, steps)
    (0.01, 2.5, 1.5, 50),
    (0.01, 2.5, 2.5, 50),
    (1e-6, 0.1, 1.25, 1),
    (1e-6, 0.1, 1.5, 1),
    (0.3, 0.05, 1.25, 1),
    (0.5, 0.3, 1.25, 1),
    (0.5, 0.3, 2.25, 1),
    (0.5, 1.0, 1.25, 1),
    (0.999, 0.5, 1.5, 1),
]

if __name__ == "__main__":
    for q, sigma, alpha, steps in CASES:
        print(q, sigma, alpha, steps, mp.nstr(steps * rdp(q, sigma, alpha), 14))
