"""Peers for scripts/bench/prelu.sh: PReLU over N float32 values, forward (output allocated) and
forward+backward (gradients for input and slopes), one slope and one slope per channel (64).
Prints `peer case ns_per_element` lines; a peer that is not installed is skipped."""
import sys, time, statistics

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 21
C = 64


def timeit(f):
    f()  # warm up
    ts = []
    for _ in range(REPS):
        t0 = time.perf_counter_ns()
        f()
        ts.append(time.perf_counter_ns() - t0)
    return statistics.median(ts) / N


def out(peer, case, ns):
    print(f"{peer} {case} {ns:.4f}", flush=True)


try:
    import numpy as np
    rng = np.random.default_rng(42)
    x = rng.uniform(-1, 1, N).astype(np.float32)
    g = np.ones(N, np.float32)
    a = np.float32(0.1)
    xc = x[: C * (N // C)].reshape(C, N // C)
    gc = np.ones_like(xc)
    ac = np.full((C, 1), 0.1, np.float32)
    out("numpy", "forward_single_slope", timeit(lambda: np.where(x > 0, x, a * x)))
    out("numpy", "forward_per_channel", timeit(lambda: np.where(xc > 0, xc, ac * xc)))

    def np_fb(x, g, a, axis):
        pos = x > 0
        y = np.where(pos, x, a * x)
        dx = np.where(pos, g, a * g)
        da = np.where(pos, 0, g * x).sum(axis=axis)
        return y, dx, da
    out("numpy", "forward_backward_single_slope", timeit(lambda: np_fb(x, g, a, None)))
    out("numpy", "forward_backward_per_channel", timeit(lambda: np_fb(xc, gc, ac, 1)))
except Exception as e:  # noqa: BLE001
    print(f"# numpy unavailable: {e}", file=sys.stderr)

try:
    import torch
    import torch.nn.functional as F
    for threads in (1, 2):
        torch.set_num_threads(threads)
        peer = f"torch{threads}"
        tx = torch.from_numpy(x)
        w1 = torch.tensor([0.1])
        txc = torch.from_numpy(xc).reshape(1, C, N // C)
        wc = torch.full((C,), 0.1)
        with torch.no_grad():
            out(peer, "forward_single_slope", timeit(lambda: F.prelu(tx, w1)))
            out(peer, "forward_per_channel", timeit(lambda: F.prelu(txc, wc)))

        def torch_fb(inp, w):
            xi = inp.detach().requires_grad_(True)
            wi = w.detach().requires_grad_(True)
            y = F.prelu(xi, wi)
            y.backward(torch.ones_like(y))
            return xi.grad, wi.grad
        out(peer, "forward_backward_single_slope", timeit(lambda: torch_fb(tx, w1)))
        out(peer, "forward_backward_per_channel", timeit(lambda: torch_fb(txc, wc)))
except Exception as e:  # noqa: BLE001
    print(f"# torch unavailable: {e}", file=sys.stderr)

try:
    import onnx
    from onnx import helper, TensorProto
    import onnxruntime as ort

    def session(shape, slope_shape):
        node = helper.make_node("PRelu", ["X", "S"], ["Y"])
        slope = helper.make_tensor("S", TensorProto.FLOAT, slope_shape, [0.1] * int(np.prod(slope_shape)))
        graph = helper.make_graph([node], "prelu",
                                  [helper.make_tensor_value_info("X", TensorProto.FLOAT, shape)],
                                  [helper.make_tensor_value_info("Y", TensorProto.FLOAT, shape)], [slope])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
        model.ir_version = 8
        return ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    s1 = session([N], [1])
    sc = session([C, N // C], [C, 1])
    out("onnxruntime", "forward_single_slope", timeit(lambda: s1.run(None, {"X": x})))
    out("onnxruntime", "forward_per_channel", timeit(lambda: sc.run(None, {"X": xc})))
except Exception as e:  # noqa: BLE001
    print(f"# onnxruntime unavailable: {e}", file=sys.stderr)

try:
    import jax
    import jax.numpy as jnp
    jx = jnp.asarray(x)
    jxc = jnp.asarray(xc)
    f = jax.jit(lambda x, a: jnp.where(x > 0, x, a * x))
    out("jax", "forward_single_slope", timeit(lambda: f(jx, 0.1).block_until_ready()))
    jac = jnp.asarray(ac)
    out("jax", "forward_per_channel", timeit(lambda: f(jxc, jac).block_until_ready()))

    def fb(x, a):
        y, vjp = jax.vjp(lambda x, a: jnp.where(x > 0, x, a * x), x, a)
        dx, da = vjp(jnp.ones_like(y))
        return y, dx, da
    fbj = jax.jit(fb)
    out("jax", "forward_backward_single_slope", timeit(lambda: jax.block_until_ready(fbj(jx, jnp.float32(0.1)))))
    out("jax", "forward_backward_per_channel", timeit(lambda: jax.block_until_ready(fbj(jxc, jac))))
except Exception as e:  # noqa: BLE001
    print(f"# jax unavailable: {e}", file=sys.stderr)
