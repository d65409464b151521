#!/usr/bin/env python3
"""A small HTTP upstream for the fiveohtwo lab. Paths choose how it misbehaves:
/ and /ok answer 200; /slow/N sleeps N seconds first; /crash closes the connection mid-response;
/bigheader sends 64 KiB of headers. Listens on the address and port given, loopback only."""
import socketserver
import sys
import time
from http.server import BaseHTTPRequestHandler


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path.startswith("/slow/"):
            time.sleep(float(self.path.rsplit("/", 1)[1] or "5"))
        if self.path == "/crash":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        body = b"ok from upstream\n"
        self.send_response(200)
        if self.path == "/bigheader":
            for i in range(64):
                self.send_header("X-Filler-%d" % i, "x" * 1024)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s upstream: %s\n" % (time.strftime("%Y-%m-%d %H:%M:%S"), fmt % args))


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    if not (host.startswith("127.") or host == "::1"):
        sys.exit("the lab upstream listens on loopback only")
    Server((host, port), Handler).serve_forever()
