"""Raw limit: copy a file over a loopback TCP socket into /dev/null, the way a shipper's bytes travel without framing, acks or fsync."""
import socket
import sys
import threading
import time

path = sys.argv[1]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
port = server.getsockname()[1]
received = 0


def sink():
    global received
    conn, _ = server.accept()
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    while True:
        n = conn.recv_into(view)
        if n == 0:
            break
        received += n
    conn.close()


t = threading.Thread(target=sink)
t.start()
start = time.perf_counter()
with socket.create_connection(("127.0.0.1", port)) as client, open(path, "rb") as f:
    client.sendfile(f)
t.join()
elapsed = time.perf_counter() - start
print(f"{received} {elapsed:.3f}")
