"""Drives the Ramp Jupyter kernel with the real clients (jupyter_client, pyzmq, nbclient).

Run by scripts/jupyter-test.sh, with the kernel spec installed in the test venv. Plain unittest."""
import base64
import json
import os
import queue
import struct
import sys
import time
import unittest
import xml.etree.ElementTree as ET
import zlib

import nbformat
import zmq
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 30


class KernelTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="ramp", startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)

    def run_cell(self, code):
        """Executes code; returns (reply content, iopub messages of the request, except status)."""
        outputs = []
        reply = self.kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outputs.append)
        return reply["content"], [m for m in outputs if m["msg_type"] != "status"]

    def result_text(self, outputs):
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]["content"]["data"]["text/plain"]

    def test_01_kernel_info(self):
        info = self.kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual(info["status"], "ok")
        self.assertEqual(info["protocol_version"], "5.3")
        self.assertEqual(info["implementation"], "ramp")
        li = info["language_info"]
        self.assertEqual(li["name"], "wolfram")
        self.assertEqual(li["file_extension"], ".wl")
        self.assertEqual(li["codemirror_mode"], "mathematica")
        self.assertEqual(li["pygments_lexer"], "mathematica")
        self.assertIn("Ramp", info["banner"])

    def test_02_execute_result_print_message(self):
        reply, outputs = self.run_cell('Print["hello"]; 1/0;\nTable[i^2, {i, 5}]')
        self.assertEqual(reply["status"], "ok")
        types = [m["msg_type"] for m in outputs]
        self.assertEqual(types, ["execute_input", "stream", "stream", "execute_result"], outputs)
        self.assertEqual(outputs[1]["content"], {"name": "stdout", "text": "hello\n"})
        self.assertEqual(outputs[2]["content"]["name"], "stderr")
        self.assertTrue(outputs[2]["content"]["text"].startswith("Power::infy: "), outputs[2])
        self.assertEqual(self.result_text(outputs), "{1, 4, 9, 16, 25}")
        self.assertEqual(outputs[3]["content"]["execution_count"], reply["execution_count"])

    def test_02b_print_arrives_while_the_cell_runs(self):
        # Stream text is gathered, but sent within 50 ms: not held until the cell ends.
        arrivals = {}
        def hook(m):
            arrivals.setdefault(m["msg_type"], time.time())
        self.kc.execute_interactive('Print["early"]; Pause[1]; 2', timeout=TIMEOUT, output_hook=hook)
        self.assertGreater(arrivals["execute_result"] - arrivals["stream"], 0.5)

    def test_03_numbering_and_no_result(self):
        reply, outputs = self.run_cell("x = 1;")
        self.assertEqual(reply["status"], "ok")
        self.assertFalse([m for m in outputs if m["msg_type"] == "execute_result"])
        n = reply["execution_count"]
        reply, outputs = self.run_cell("x + 41")
        self.assertEqual(reply["execution_count"], n + 1)
        self.assertEqual(self.result_text(outputs), "42")
        reply, outputs = self.run_cell("Out[%d]" % (n + 1))
        self.assertEqual(self.result_text(outputs), "42")
        # A cell is one input: several statements share one In[n], the last one's value is Out[n].
        reply, outputs = self.run_cell("y = 2\ny + 1")
        self.assertEqual(reply["execution_count"], n + 3)
        self.assertEqual(self.result_text(outputs), "3")
        reply, outputs = self.run_cell("%")
        self.assertEqual(self.result_text(outputs), "3")
        # A silent request runs, shows nothing and takes no number.
        outputs = []
        reply = self.kc.execute_interactive("w = 7", silent=True, timeout=TIMEOUT, output_hook=outputs.append)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], ["status", "status"])
        reply, outputs = self.run_cell("w")
        self.assertEqual(reply["execution_count"], n + 5)
        self.assertEqual(self.result_text(outputs), "7")

    def test_04_syntax_error(self):
        reply, outputs = self.run_cell("1 + + )")
        self.assertEqual(reply["status"], "error")
        self.assertTrue(reply["ename"].startswith("Syntax::"), reply)
        self.assertTrue(reply["traceback"])
        self.assertIn("error", [m["msg_type"] for m in outputs])

    def test_04b_error_aborts_the_queued_cells(self):
        # Run All: the cells after a failing one are answered "aborted" and do not run; a cell
        # sent afterwards runs.
        ids = [self.kc.execute(code) for code in ["Pause[0.5]", "1 + + )", "z = 1", "z = 2"]]
        replies = {}
        while len(replies) < 4:
            m = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[m["parent_header"]["msg_id"]] = m["content"]["status"]
        self.assertEqual([replies[i] for i in ids], ["ok", "error", "aborted", "aborted"])
        reply, outputs = self.run_cell("z")
        self.assertEqual(self.result_text(outputs), "z")

    def test_05_html_for_associations(self):
        reply, outputs = self.run_cell('<|"a" -> 1, "b" -> 2|>')
        data = [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]
        self.assertIn("text/html", data)
        self.assertIn("<table", data["text/html"])

    def test_06_is_complete(self):
        def status(code):
            msg_id = self.kc.is_complete(code)
            return self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["status"]
        self.assertEqual(status("f[1,"), "incomplete")
        self.assertEqual(status("1+1"), "complete")
        self.assertEqual(status("1+)"), "invalid")

    def test_07_complete(self):
        self.kc.complete("Para", 4)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertIn("ParametricRampLayer", reply["matches"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (0, 4))

    def test_08_inspect(self):
        self.kc.inspect("Map", 2)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertTrue(reply["found"])
        self.assertIn("Map[f, expr]", reply["data"]["text/plain"])

    def test_09_history_and_comm_info(self):
        self.kc.history(hist_access_type="tail", n=5)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertIsInstance(reply["history"], list)
        self.kc.comm_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(reply["comms"], {})

    def interrupt_during_loop(self, interrupt):
        msg_id = self.kc.execute("Do[Null, {10^10}]")
        # Wait until the cell is running (its execute_input), then interrupt.
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        time.sleep(0.5)
        interrupt()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        result = None
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "execute_result":
                result = m["content"]["data"]["text/plain"]
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        self.assertEqual(result, "$Aborted")
        reply, outputs = self.run_cell("1+1")
        self.assertEqual(self.result_text(outputs), "2")

    def test_10_interrupt_by_signal(self):
        self.interrupt_during_loop(self.km.interrupt_kernel)

    def test_11_interrupt_on_control_channel(self):
        def by_control():
            msg = self.kc.session.msg("interrupt_request", {})
            self.kc.control_channel.send(msg)
            reply = self.kc.get_control_msg(timeout=TIMEOUT)
            self.assertEqual(reply["msg_type"], "interrupt_reply")
        self.interrupt_during_loop(by_control)

    def test_12_bad_messages(self):
        info = self.km.get_connection_info()
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
        header = json.dumps({"msg_id": "bad-1", "msg_type": "execute_request", "session": "x",
                             "username": "t", "date": "2026-01-01T00:00:00Z", "version": "5.3"}).encode()
        content = json.dumps({"code": "Quit[]", "silent": False}).encode()
        frames = {
            "wrong signature": [b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", content],
            "no signature": [b"<IDS|MSG>", b"", header, b"{}", b"{}", content],
            "no delimiter": [b"garbage"],
            "too few frames": [b"<IDS|MSG>", b"abc"],
        }
        for name, parts in frames.items():
            sock.send_multipart(parts)
        # Correctly signed, but broken inside: not JSON, no msg_type, an unknown type.
        session = self.kc.session
        def signed(header_bytes, content_bytes):
            parts = [header_bytes, b"{}", b"{}", content_bytes]
            return [b"<IDS|MSG>", session.sign(parts)] + parts
        sock.send_multipart(signed(b"not json", b"{}"))
        sock.send_multipart(signed(b"{}", b"{}"))
        sock.send_multipart(signed(json.dumps({"msg_id": "u", "msg_type": "frobnicate_request"}).encode(), b"[1, 2]"))
        sock.send_multipart(signed(json.dumps({"msg_id": "e", "msg_type": "execute_request"}).encode(), b"{}"))
        time.sleep(0.5)
        # None of them was answered with a result; the kernel is alive and answers.
        self.assertFalse(sock.poll(200) and any(b"execute_result" in f for f in sock.recv_multipart()))
        sock.close(linger=0)
        self.assertTrue(self.km.is_alive())
        reply, outputs = self.run_cell("1+1")
        self.assertEqual(self.result_text(outputs), "2")

    def test_13_fields_of_the_wrong_type(self):
        # Every request type with fields of wrong types, missing or out of range: each is answered
        # or dropped, and the kernel still evaluates afterwards.
        odd_values = [None, -5, 10**12, "x", [], {}, True, 1.5, "\u0000\udbff"[:1]]
        types = ["execute_request", "complete_request", "inspect_request", "is_complete_request",
                 "history_request", "kernel_info_request", "comm_info_request"]
        fields = ["code", "cursor_pos", "detail_level", "silent", "store_history", "hist_access_type", "n"]
        for t in types:
            for i, v in enumerate(odd_values):
                content = {f: odd_values[(i + j) % len(odd_values)] for j, f in enumerate(fields)}
                self.kc.shell_channel.send(self.kc.session.msg(t, content))
        for code, cursor in [("Map", 99), ("Map", -3), ("\u00e9t\u00e9 = Pa", 10), ("", 0)]:
            self.kc.shell_channel.send(self.kc.session.msg("complete_request", {"code": code, "cursor_pos": cursor}))
            self.kc.shell_channel.send(self.kc.session.msg("inspect_request", {"code": code, "cursor_pos": cursor}))
        time.sleep(1)
        while True:
            try:
                self.kc.get_shell_msg(timeout=1)
            except queue.Empty:
                break
        self.assertTrue(self.km.is_alive())
        reply, outputs = self.run_cell("1+1")
        self.assertEqual(self.result_text(outputs), "2")

    def test_14_heartbeat_echoes(self):
        info = self.km.get_connection_info()
        sock = zmq.Context.instance().socket(zmq.REQ)
        sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info["hb_port"]))
        for payload in [b"ping", b"", b"\x00" * 1000]:
            sock.send(payload)
            self.assertTrue(sock.poll(5000), "no heartbeat echo")
            self.assertEqual(sock.recv(), payload)
        sock.close(linger=0)

    def test_15_graphics(self):
        # Graphics are rendered by a MIME producer (RampGraphics) wired into the kernel's
        # DisplayFormatter; until it is, a Graphics result is text only and this test is skipped.
        reply, outputs = self.run_cell("Graphics[{RGBColor[1, 0, 0], Disk[{0, 0}, 1]}, ImageSize -> 200]")
        data = [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]
        self.assertIn("text/plain", data)
        if "image/svg+xml" not in data and "image/png" not in data:
            self.skipTest("no graphics renderer in this build")
        svg = ET.fromstring(data["image/svg+xml"])
        self.assertTrue(svg.tag.endswith("svg"), svg.tag)
        self.assertTrue(len(list(svg.iter())) > 1)
        width, height, pixels = decode_png(base64.b64decode(data["image/png"]))
        self.assertEqual(width, 200)
        self.assertGreater(height, 0)
        self.assertGreater(len(set(pixels)), 1, "the PNG is blank")

    def test_99_shutdown(self):
        msg = self.kc.session.msg("shutdown_request", {"restart": False})
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "shutdown_reply")
        self.assertEqual(reply["content"]["restart"], False)
        deadline = time.time() + 10
        while self.km.is_alive() and time.time() < deadline:
            time.sleep(0.1)
        self.assertFalse(self.km.is_alive())
        self.assertEqual(self.km.provisioner.process.returncode, 0)


def decode_png(png):
    """(width, height, list of pixels as byte tuples) of an 8-bit non-interlaced PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and interlace == 0, (depth, interlace)
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    stride = width * channels
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    pixels = [row[i:i + channels] for row in rows for i in range(0, stride, channels)]
    return width, height, pixels


class NotebookTests(unittest.TestCase):
    # The output types of each code cell of Examples/ParametricRampLayer.ipynb, in order.
    R = ["execute_result"]
    EXPECTED = [R] * 5 + [["display_data"] + R] + [R] * 10 \
        + [["stream/stdout"], ["stream/stderr"] + R, ["stream/stdout"]]

    def test_example_notebook(self):
        path = os.path.join(ROOT, "Examples", "ParametricRampLayer.ipynb")
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, kernel_name="ramp", timeout=120).execute()
        if os.environ.get("RAMP_NOTEBOOK_OUT"):
            nbformat.write(nb, os.environ["RAMP_NOTEBOOK_OUT"])
        cells = [cell for cell in nb.cells if cell.cell_type == "code"]
        self.assertEqual(len(cells), len(self.EXPECTED))
        for cell, expected in zip(cells, self.EXPECTED):
            got = [o["output_type"] + ("/" + o["name"] if o["output_type"] == "stream" else "") for o in cell.outputs]
            self.assertEqual(got, expected, cell.source)
            for o in cell.outputs:
                if o["output_type"] == "execute_result":
                    self.assertIn("text/plain", o["data"])
                    self.assertEqual(o["execution_count"], cell.execution_count)
        by_source = {cell.source: cell for cell in cells}
        slopes = by_source['trained = results["TrainedNet"];\nNetExtract[trained, "Slope"]']
        self.assertEqual(slopes.outputs[0]["data"]["text/plain"], "NumericArray[{0.5, 0.2, -0.3}, Real32]")
        # NetTrain's live progress: one display, updated in place to its final line.
        progress = [c for c in cells if c.source.startswith("results = NetTrain")][0].outputs[0]
        self.assertTrue(progress["data"]["text/plain"].startswith("Training complete."), progress)
        info = by_source["Information[trained]"].outputs[0]["data"]
        self.assertIn("<table", info["text/html"])
        self.assertIn("Layers count", info["text/plain"])
        self.assertIn("ParametricRampLayer[levels]", by_source["?ParametricRampLayer"].outputs[0]["text"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
