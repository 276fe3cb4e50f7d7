#!/usr/bin/python3
"""Writes the benchmark detector: a YOLOv8n-shaped ONNX model with random weights, for `autolabel bench`.

It has YOLOv8n's layers and so its compute (about 8.7 GFLOPs per 640x640 image, counted below): backbone of
stride-2 convolutions and C2f blocks, SPPF, a PAN neck, and the decoupled Detect head with DFL box decoding, all
convolutions with batch norm folded into their bias and SiLU activations. Output: the Ultralytics layout
[N, 84, 8400] (cx, cy, w, h in input pixels, then 80 sigmoid class scores), dynamic batch. The weights are random
(seeded, He-scaled so activations stay finite): the model is for timing, it detects nothing.

Usage (needs Debian's python3-onnx and python3-numpy):

    /usr/bin/python3 bench/make_bench_model.py [OUT.onnx]      default: target/bench-model/yolov8n-like.onnx

The file (~13 MB) is generated, never committed. Prints the multiply-accumulate count per image.
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SIZE = 640
CLASSES = 80
REG_MAX = 16
OPSET = 17
RNG = np.random.default_rng(8)

nodes = []
inits = []
macs = [0]
names = {}


def fresh(prefix):
    names[prefix] = names.get(prefix, 0) + 1
    return f"{prefix}{names[prefix]}"


def const(array, prefix="c"):
    name = fresh(prefix)
    inits.append(numpy_helper.from_array(np.asarray(array), name))
    return name


def op(kind, inputs, **attrs):
    out = fresh(kind.lower() + "_")
    nodes.append(helper.make_node(kind, inputs, [out], name=out, **attrs))
    return out


class T:
    """A tensor name with its channels and spatial size (square), for MAC counting."""

    def __init__(self, name, c, s):
        self.name, self.c, self.s = name, c, s


def conv(x, c2, k=1, s=1, act=True, bias=0.0):
    """Conv2d (+ folded BN as bias) + SiLU; counts c2 * c1 * k * k MACs per output pixel."""
    fan_in = x.c * k * k
    w = (RNG.standard_normal((c2, x.c, k, k)) * np.sqrt(2.0 / fan_in) * 0.5).astype(np.float32)
    b = (RNG.standard_normal(c2) * 0.01 + bias).astype(np.float32)
    out_s = (x.s + 2 * (k // 2) - k) // s + 1
    y = op("Conv", [x.name, const(w, "w"), const(b, "b")], kernel_shape=[k, k], strides=[s, s], pads=[k // 2] * 4)
    macs[0] += c2 * x.c * k * k * out_s * out_s
    if act:
        y = op("Mul", [y, op("Sigmoid", [y])])
    return T(y, c2, out_s)


def cat(ts):
    return T(op("Concat", [t.name for t in ts], axis=1), sum(t.c for t in ts), ts[0].s)


def split2(x, c):
    a = fresh("split_a")
    b = fresh("split_b")
    nodes.append(helper.make_node("Split", [x.name, const(np.array([c, c], dtype=np.int64), "sp")], [a, b], axis=1, name=a))
    return T(a, c, x.s), T(b, c, x.s)


def bottleneck(x, shortcut):
    y = conv(conv(x, x.c, 3), x.c, 3)
    return T(op("Add", [x.name, y.name]), x.c, x.s) if shortcut else y


def c2f(x, c2, n, shortcut):
    c = c2 // 2
    y0, y1 = split2(conv(x, 2 * c, 1), c)
    ys = [y0, y1]
    for _ in range(n):
        ys.append(bottleneck(ys[-1], shortcut))
    return conv(cat(ys), c2, 1)


def sppf(x, c2):
    y = [conv(x, x.c // 2, 1)]
    for _ in range(3):
        y.append(T(op("MaxPool", [y[-1].name], kernel_shape=[5, 5], strides=[1, 1], pads=[2, 2, 2, 2]), y[-1].c, y[-1].s))
    return conv(cat(y), c2, 1)


def upsample(x):
    scales = const(np.array([1, 1, 2, 2], dtype=np.float32), "scales")
    return T(op("Resize", [x.name, "", scales], mode="nearest"), x.c, x.s * 2)


def head(levels):
    """Ultralytics Detect: per level a box branch (4 x 16 DFL bins) and a class branch, then DFL + dist2bbox."""
    c2, c3 = max(16, levels[0].c // 4, REG_MAX * 4), max(levels[0].c, min(CLASSES, 100))
    boxes, scores, anchors, strides = [], [], [], []
    for x in levels:
        box = conv(conv(conv(x, c2, 3), c2, 3), 4 * REG_MAX, 1, act=False)
        # Class logits biased far down: random weights would otherwise put thousands of noise boxes through
        # NMS, timing that instead of the model. A trained detector also keeps few candidates per image.
        cls = conv(conv(conv(x, c3, 3), c3, 3), CLASSES, 1, act=False, bias=-12.0)
        boxes.append(op("Reshape", [box.name, const(np.array([0, 4 * REG_MAX, -1], dtype=np.int64), "shape")]))
        scores.append(op("Reshape", [cls.name, const(np.array([0, CLASSES, -1], dtype=np.int64), "shape")]))
        stride = SIZE // x.s
        gy, gx = np.meshgrid(np.arange(x.s) + 0.5, np.arange(x.s) + 0.5, indexing="ij")
        anchors.append(np.stack([gx.ravel(), gy.ravel()]))
        strides.append(np.full(x.s * x.s, stride))
    box = op("Concat", boxes, axis=2)                                    # [N, 64, A]
    a = sum(s.shape[0] for s in strides)
    dist = op("Reshape", [box, const(np.array([0, 4, REG_MAX, a], dtype=np.int64), "shape")])
    dist = op("Softmax", [dist], axis=2)
    bins = const(np.arange(REG_MAX, dtype=np.float32).reshape(1, 1, REG_MAX, 1), "bins")
    dist = op("ReduceSum", [op("Mul", [dist, bins]), const(np.array([2], dtype=np.int64), "axes")], keepdims=0)  # [N, 4, A]
    lt = op("Slice", [dist, const(np.array([0], dtype=np.int64)), const(np.array([2], dtype=np.int64)), const(np.array([1], dtype=np.int64))])
    rb = op("Slice", [dist, const(np.array([2], dtype=np.int64)), const(np.array([4], dtype=np.int64)), const(np.array([1], dtype=np.int64))])
    anchor = const(np.concatenate(anchors, axis=1).astype(np.float32)[None], "anchors")  # [1, 2, A]
    x1y1 = op("Sub", [anchor, lt])
    x2y2 = op("Add", [anchor, rb])
    centre = op("Div", [op("Add", [x1y1, x2y2]), const(np.array(2, dtype=np.float32))])
    wh = op("Sub", [x2y2, x1y1])
    stride = const(np.concatenate(strides).astype(np.float32)[None, None], "strides")  # [1, 1, A]
    xywh = op("Mul", [op("Concat", [centre, wh], axis=1), stride])
    cls = op("Sigmoid", [op("Concat", scores, axis=2)])
    out = "output0"
    nodes.append(helper.make_node("Concat", [xywh, cls], [out], axis=1, name=out))
    return a


def build():
    x = T("images", 3, SIZE)
    x = conv(x, 16, 3, 2)
    x = conv(x, 32, 3, 2)
    x = c2f(x, 32, 1, True)
    x = conv(x, 64, 3, 2)
    p3 = c2f(x, 64, 2, True)
    x = conv(p3, 128, 3, 2)
    p4 = c2f(x, 128, 2, True)
    x = conv(p4, 256, 3, 2)
    x = c2f(x, 256, 1, True)
    p5 = sppf(x, 256)
    h4 = c2f(cat([upsample(p5), p4]), 128, 1, False)
    n3 = c2f(cat([upsample(h4), p3]), 64, 1, False)
    n4 = c2f(cat([conv(n3, 64, 3, 2), h4]), 128, 1, False)
    n5 = c2f(cat([conv(n4, 128, 3, 2), p5]), 256, 1, False)
    anchors = head([n3, n4, n5])
    graph = helper.make_graph(
        nodes, "yolov8n_like",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["batch", 3, SIZE, SIZE])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", 4 + CLASSES, anchors])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="autolabel-bench")
    model.ir_version = 8
    names_meta = "{" + ", ".join(f"{i}: 'class{i}'" for i in range(CLASSES)) + "}"
    helper.set_model_props(model, {"names": names_meta, "imgsz": f"[{SIZE}, {SIZE}]", "stride": "32"})
    onnx.checker.check_model(model)
    return model, anchors


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("target", "bench-model", "yolov8n-like.onnx")
    model, anchors = build()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    onnx.save(model, out)
    params = sum(int(np.prod(t.dims)) for t in model.graph.initializer)
    print(f"wrote {out}: input [N,3,{SIZE},{SIZE}], output [N,{4 + CLASSES},{anchors}], {params / 1e6:.2f} M parameters")
    print(f"convolution MACs per {SIZE}x{SIZE} image: {macs[0] / 1e9:.3f} G = {2 * macs[0] / 1e9:.2f} GFLOPs "
          "(YOLOv8n: 8.7 GFLOPs, 3.2 M parameters)")


if __name__ == "__main__":
    main()
