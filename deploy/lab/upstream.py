#!/usr/bin/env python3
"""A small HTTP upstream for the fiveohtwo lab. Paths choose how it misbehaves:
/ and /ok answer 200; /slow/N sleeps N seconds first; /crash closes the connection mid-response;
/bigheader sends 64 KiB of headers; /drop closes the connection without a byte; /garbage answers with a header
line that has no colon; /keepalive-drop answers the first request of a connection and resets the connection when
the next request arrives on it, as a backend does that closes idle keep-alive connections (GET or POST).
Listens on the address and port given, loopback only."""
import socket
import socketserver
import struct
import sys
import time
from http.server import BaseHTTPRequestHandler


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.do_GET()

    def do_GET(self):
        if self.path.startswith("/keepalive-drop"):
            self.keepalive_drop()
            return
        if self.path == "/drop":
            self.close_connection = True
            return
        if self.path == "/garbage":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nthis line is not a header\r\n\r\nok\n")
            self.close_connection = True
            return
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

    def keepalive_drop(self):
        served = getattr(self, "served", 0)
        self.served = served + 1
        if served > 0:
            # reset, not close: the unread request body and SO_LINGER 0 make the kernel answer with RST
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        while length > 0:
            length -= len(self.rfile.read(min(length, 65536)) or b"x" * length)
        body = b"ok from upstream\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "keep-alive")
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
