# A one-connection SMTP sink for PostfixLiveInstanceTests: binds 127.0.0.1 on a free port, writes
# the port to argv[1], logs every command to argv[2], accepts everything, exits after QUIT, or when no
# connection came within 600 s (a loaded test run can take minutes to reach the delivery; the test kills it).
import socket, sys
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); srv.bind(("127.0.0.1", 0)); srv.listen(5); srv.settimeout(600)
open(sys.argv[1], "w").write(str(srv.getsockname()[1]))
log = open(sys.argv[2], "a", buffering=1)
conn, _ = srv.accept(); conn.settimeout(60); f = conn.makefile("rwb")
def send(line): f.write(line.encode() + b"\r\n"); f.flush()
send("220 sink"); data = False
for raw in f:
    line = raw.decode().rstrip("\r\n")
    if data:
        if line == ".": data = False; send("250 queued")
        continue
    log.write(line + "\n")
    cmd = line[:4].upper()
    if cmd in ("EHLO", "HELO"): send("250 sink")
    elif cmd == "DATA": data = True; send("354 go")
    elif cmd == "QUIT": send("221 bye"); break
    else: send("250 ok")
