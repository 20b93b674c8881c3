"""One epoch of PReLU training (MSE loss, ADAM lr 0.001 b1 0.9 b2 0.999 eps 1e-5, batch 64, shuffled)
in numpy, torch (CPU) and jax: prints `peer case milliseconds` (best of REPS)."""
import sys, time
N, REPS = int(sys.argv[1]), int(sys.argv[2])

def best(f):
    ts = []
    for _ in range(REPS):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return min(ts) * 1e3

def cases():
    for d in (3, 1000):
        yield f"slopes_{d}", d

try:
    import numpy as np
    for case, d in cases():
        rng = np.random.default_rng(1)
        x = rng.uniform(-1, 1, (N, d)).astype(np.float32); y = (np.where(x > 0, x, 0.3 * x)).astype(np.float32)
        def epoch():
            s = np.full(d, 0.1, np.float32); m = np.zeros(d, np.float32); v = np.zeros(d, np.float32)
            perm = rng.permutation(N)
            for t, b in enumerate(range(0, N, 64), 1):
                idx = perm[b:b + 64]; xb = x[idx]; yb = y[idx]
                out = np.where(xb > 0, xb, s * xb)
                dy = 2 * (out - yb) / d
                g = (np.where(xb > 0, 0, xb) * dy).sum(0) / len(idx)
                m = 0.9 * m + 0.1 * g; v = 0.999 * v + 0.001 * g * g
                s -= 0.001 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) * m / (np.sqrt(v) + 1e-5)
        print("numpy", case, best(epoch))
except ImportError:
    print("# numpy missing", file=sys.stderr)

try:
    import torch
    torch.set_num_threads(1)
    for case, d in cases():
        x = torch.rand(N, d) * 2 - 1; y = torch.where(x > 0, x, 0.3 * x)
        def epoch():
            layer = torch.nn.PReLU(d, init=0.1)
            opt = torch.optim.Adam(layer.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-5)
            perm = torch.randperm(N)
            for b in range(0, N, 64):
                idx = perm[b:b + 64]
                opt.zero_grad(); loss = ((layer(x[idx]) - y[idx]) ** 2).mean(); loss.backward(); opt.step()
        print("torch", case, best(epoch))
except ImportError:
    print("# torch missing", file=sys.stderr)

try:
    import jax, jax.numpy as jnp
    for case, d in cases():
        key = jax.random.PRNGKey(0)
        x = jax.random.uniform(key, (N, d), minval=-1, maxval=1); y = jnp.where(x > 0, x, 0.3 * x)
        nb = N // 64
        xs = x[: nb * 64].reshape(nb, 64, d); ys = y[: nb * 64].reshape(nb, 64, d)
        def loss(s, xb, yb): return jnp.mean((jnp.where(xb > 0, xb, s * xb) - yb) ** 2)
        grad = jax.grad(loss)
        @jax.jit
        def run(xs, ys):
            def step(c, b):
                s, m, v, t = c; g = grad(s, b[0], b[1]); t = t + 1
                m = 0.9 * m + 0.1 * g; v = 0.999 * v + 0.001 * g * g
                s = s - 0.001 * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) * m / (jnp.sqrt(v) + 1e-5)
                return (s, m, v, t), 0.0
            c, _ = jax.lax.scan(step, (jnp.full(d, 0.1), jnp.zeros(d), jnp.zeros(d), 0.0), (xs, ys))
            return c[0]
        run(xs, ys).block_until_ready()
        print("jax", case, best(lambda: run(xs, ys).block_until_ready()))
except ImportError:
    print("# jax missing", file=sys.stderr)
