"""The peer's dgemm: PyTorch float64 C = A·B, timed exactly as shared/bench/torch_peer.py times sgemm
(same thread count, warm-up and repetition rule), because the shared script measures float32 only."""
import json, time
import torch

torch.set_num_threads(2)
torch.manual_seed(0)
for n in (128, 512, 1024):
    a = torch.rand(n, n, dtype=torch.float64); b = torch.rand(n, n, dtype=torch.float64); a @ b
    reps = max(5, int(3e9 / (2 * n ** 3)))
    t0 = time.perf_counter()
    for _ in range(reps): a @ b
    dt = (time.perf_counter() - t0) / reps
    print(json.dumps({"case": f"dgemm {n}", "gflops": round(2 * n ** 3 / dt / 1e9, 1)}))
