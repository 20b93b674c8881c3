"""ONNX interoperability checks for Ramp, run by Tests/CLITests/ONNXInteropTests.swift with the
virtual environment that scripts/setup-interop.sh makes (onnx, onnxruntime, numpy).

  onnx_interop.py check DIR   every DIR/<name>.onnx that Ramp exported: onnx's checker (full),
                              strict shape inference, and onnxruntime on DIR/<name>.input.json
                              matching Ramp's own outputs in DIR/<name>.ramp.json to 1e-5.
  onnx_interop.py make DIR    models built with onnx.helper (the forms other tools write) as
                              DIR/<name>.onnx, with an input and onnxruntime's output as JSON, for
                              Ramp to import and compare.

Prints one line per model (`ok name` or `FAIL name: why`); exits 1 if any failed."""
import json, os, sys
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import onnxruntime as ort


def run(path, x):
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return session.run(None, {name: np.asarray(x, np.float32)})[0]


def check(folder):
    failed = 0
    names = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".onnx"))
    if not names:
        print("FAIL no models in", folder)
        return 1
    for name in names:
        path = os.path.join(folder, name + ".onnx")
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            onnx.shape_inference.infer_shapes(model, strict_mode=True)
            x = json.load(open(os.path.join(folder, name + ".input.json")))
            want = np.asarray(json.load(open(os.path.join(folder, name + ".ramp.json"))), np.float32)
            got = run(path, x)
            if got.shape != want.shape:
                raise ValueError(f"shape {got.shape} vs Ramp's {want.shape}")
            err = float(np.max(np.abs(got - want) / np.maximum(1, np.abs(want)))) if got.size else 0.0
            if not err <= 1e-5:
                raise ValueError(f"max relative difference {err}")
            print(f"ok {name} (max difference {err:.2e})")
        except Exception as e:  # noqa: BLE001 - report every model
            failed += 1
            print(f"FAIL {name}: {e}")
    return 1 if failed else 0


def save(folder, name, model, x):
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(folder, name + ".onnx")
    onnx.save(model, path)
    y = run(path, x)
    json.dump(np.asarray(x, np.float32).tolist(), open(os.path.join(folder, name + ".input.json"), "w"))
    json.dump(y.tolist(), open(os.path.join(folder, name + ".expected.json"), "w"))
    print(f"ok made {name}")


def tensor(name, array):
    return numpy_helper.from_array(np.asarray(array, np.float32), name)


def model(nodes, inits, in_shape, out_shape, name):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"] + in_shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N"] + out_shape)],
        inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="onnx.helper")
    m.ir_version = 8
    return m


def make(folder):
    rng = np.random.default_rng(3)
    x3 = rng.uniform(-2, 2, (4, 3))
    # Gemm with B as [in, out] (transB = 0), alpha and beta, then Relu.
    w = rng.normal(size=(3, 5)); b = rng.normal(size=(5,))
    save(folder, "gemm_relu", model(
        [helper.make_node("Gemm", ["x", "W", "B"], ["h"], alpha=0.5, beta=2.0),
         helper.make_node("Relu", ["h"], ["y"])],
        [tensor("W", w), tensor("B", b)], [3], [5], "gemm_relu"), x3)
    # MatMul + Add (PyTorch's form for Linear on older exporters), Sigmoid.
    w2 = rng.normal(size=(3, 2)); b2 = rng.normal(size=(2,))
    save(folder, "matmul_add_sigmoid", model(
        [helper.make_node("MatMul", ["x", "W"], ["h"]), helper.make_node("Add", ["h", "B"], ["z"]),
         helper.make_node("Sigmoid", ["z"], ["y"])],
        [tensor("W", w2), tensor("B", b2)], [3], [2], "matmul_add_sigmoid"), x3)
    # PRelu with per-channel slopes over a 3×4 input (slope shape [3, 1]).
    x34 = rng.uniform(-2, 2, (2, 3, 4))
    save(folder, "prelu_channels", model(
        [helper.make_node("PRelu", ["x", "S"], ["y"])],
        [tensor("S", rng.uniform(0, 0.5, (3, 1)))], [3, 4], [3, 4], "prelu_channels"), x34)
    # Flatten + Gemm (transB = 1) + Tanh, then arithmetic with constants: (t - 0.5) / 2 then Abs.
    w3 = rng.normal(size=(2, 12))
    save(folder, "flatten_gemm_arith", model(
        [helper.make_node("Flatten", ["x"], ["f"], axis=1),
         helper.make_node("Gemm", ["f", "W"], ["h"], transB=1),
         helper.make_node("Tanh", ["h"], ["t"]), helper.make_node("Sub", ["t", "half"], ["s"]),
         helper.make_node("Div", ["s", "two"], ["d"]), helper.make_node("Abs", ["d"], ["y"])],
        [tensor("W", w3), tensor("half", 0.5), tensor("two", 2.0)], [3, 4], [2], "flatten_gemm_arith"), x34)
    # An operator Ramp does not have: Import must refuse it by name (no expected output).
    bad = model([helper.make_node("Hardmax", ["x"], ["y"], axis=1)], [], [3], [3], "hardmax")
    onnx.save(bad, os.path.join(folder, "unsupported_hardmax.onnx.bad"))
    print("ok made unsupported_hardmax")
    return 0


if __name__ == "__main__":
    sys.exit({"check": check, "make": make}[sys.argv[1]](sys.argv[2]))
