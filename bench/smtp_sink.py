"""A mail server for the chaos run (RELIABILITY.md): it accepts every message on loopback and
writes down its Message-ID and recipients, one JSON line each, before it answers 250. The
chaos run stops and starts it to take the mail server away.

    python -m bench.smtp_sink PORT FILE
"""

from __future__ import annotations

import json
import os
import signal
import sys
from email import message_from_bytes

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: str):
        self.path = path

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content)
        line = json.dumps({"message_id": message.get("Message-ID"), "to": envelope.rcpt_tos})
        # On disk before the 250: a message the sender was told is delivered is in the file.
        with open(self.path, "a") as record:
            record.write(line + "\n")
            record.flush()
            os.fsync(record.fileno())
        return "250 Message accepted"


def main(port: int, path: str) -> None:
    stopping = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stopping)  # the server's thread must not take them
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    signal.sigwait(stopping)
    controller.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
