"""A WSGI app for the fiveohtwo lab's gunicorn and uWSGI scenarios: /slow/N sleeps N seconds, anything else
answers 200 at once. It holds no state, so a killed worker loses nothing."""
import time


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if "/slow/" in path:
        time.sleep(float(path.rsplit("/", 1)[1] or "5"))
    body = b"ok from wsgi\n"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


app = application
