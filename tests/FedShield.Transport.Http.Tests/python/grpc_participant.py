#!/usr/bin/env python3
"""A FedShield participant written against Python's grpcio, sharing no code with FedShield.

It shows that a gRPC implementation nobody here wrote can take part in a federation: it joins, long-polls
Next, reassembles an instruction's chunks, and answers a Fit with a delta computed from the weights it
received, in chunks of at most the server's chunk_bytes. The message classes are built at runtime from a
binary FileDescriptorSet of fedshield.proto (protoc --include_imports --descriptor_set_out), because the
Python code that a recent protoc generates needs a newer protobuf runtime than Debian's.

The delta is deterministic so that the C# test can compute exactly what the server must aggregate:
    delta_i = float32(-0.5 * w_i + 0.001 * client_id)      (w_i: the float32 weights, widened to double)
reported with a fixed sample count (--samples, 20 by default).

Exit status: 0 after serving --instructions instructions or on a Stop instruction (or, with
--expect-unauthenticated, when Join is refused with UNAUTHENTICATED); non-zero, with a message on stderr,
on any error or when the deadline passes.

Usage (run by tests/FedShield.Transport.Http.Tests/PythonInteropTests.cs):
    python3 grpc_participant.py --server 127.0.0.1:PORT --client-id 7 --descriptor-set fedshield.desc \
        --instructions 1 [--token T] [--samples 20] [--poll-wait-ms 500] [--deadline 60] [--expect-unauthenticated]
Needs Debian's python3-grpcio and python3-protobuf (.ci/run installs them).
"""

import argparse
import struct
import sys
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SERVICE = "/fedshield.v1.Federation/"


class Failure(Exception):
    """A protocol violation seen by this participant."""


def load_messages(path):
    """The message classes of fedshield.v1, by short name, built from a FileDescriptorSet."""
    with open(path, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for proto in files.file:
        pool.Add(proto)
    factory = message_factory.MessageFactory(pool)
    names = ["JoinRequest", "JoinReply", "NextRequest", "Instruction", "AnswerChunk", "AnswerAck", "Metric"]
    classes = {}
    for name in names:
        descriptor = pool.FindMessageTypeByName("fedshield.v1." + name)
        # protobuf >= 4.22 has GetMessageClass; Debian's 3.21 (Python 4.21) has MessageFactory.GetPrototype.
        get_class = getattr(message_factory, "GetMessageClass", None)
        classes[name] = get_class(descriptor) if get_class else factory.GetPrototype(descriptor)
    return classes


def remaining(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise Failure("the deadline passed")
    return left


def assemble(chunks):
    """(first chunk, payload bytes) of one instruction; checks request ids, sizes and the last flag."""
    first = chunks[0]
    if first.WhichOneof("kind") is None:
        raise Failure("the instruction's first chunk has no kind")
    for c in chunks:
        if c.request != first.request:
            raise Failure("chunks of requests %d and %d in one instruction" % (first.request, c.request))
    if not chunks[-1].last:
        raise Failure("the instruction's stream ended before its last chunk")
    if any(c.last for c in chunks[:-1]):
        raise Failure("a chunk before the end says last")
    payload = b"".join(c.data for c in chunks)
    if len(payload) != first.total_bytes:
        raise Failure("%d of the %d bytes announced arrived" % (len(payload), first.total_bytes))
    return first, payload


def fit_delta(payload, dimension, client_id):
    if len(payload) != 4 * dimension:
        raise Failure("fit weights: %d bytes for %d values" % (len(payload), dimension))
    weights = struct.unpack("<%df" % dimension, payload)
    delta = [-0.5 * w + 0.001 * client_id for w in weights]
    return weights, struct.pack("<%df" % dimension, *delta)


def answer_chunks(m, first, session, client_id, payload, chunk_bytes, header):
    """The AnswerChunk messages of one answer: the first carries the header; each at most chunk_bytes of payload."""
    if chunk_bytes <= 0:
        raise Failure("the server announced chunk_bytes %d" % chunk_bytes)
    slices = [payload[i:i + chunk_bytes] for i in range(0, len(payload), chunk_bytes)] or [b""]
    chunks = []
    for k, data in enumerate(slices):
        c = m["AnswerChunk"](request=first.request, client_id=client_id, session=session, round=first.round,
                             total_bytes=len(payload), data=data, last=(k == len(slices) - 1))
        if k == 0:
            header(c)
        chunks.append(c)
    return chunks


def run(args):
    m = load_messages(args.descriptor_set)
    deadline = time.monotonic() + args.deadline
    target = args.server
    for prefix in ("http://", "https://"):
        if target.startswith(prefix):
            target = target[len(prefix):]
    target = target.rstrip("/")

    # Loopback only: an http_proxy in the environment must not capture the connection.
    with grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)]) as channel:
        join = channel.unary_unary(SERVICE + "Join", request_serializer=m["JoinRequest"].SerializeToString,
                                   response_deserializer=m["JoinReply"].FromString)
        next_ = channel.unary_stream(SERVICE + "Next", request_serializer=m["NextRequest"].SerializeToString,
                                     response_deserializer=m["Instruction"].FromString)
        answer = channel.stream_unary(SERVICE + "Answer", request_serializer=m["AnswerChunk"].SerializeToString,
                                      response_deserializer=m["AnswerAck"].FromString)

        try:
            reply = join(m["JoinRequest"](client_id=args.client_id, token=args.token), timeout=remaining(deadline))
        except grpc.RpcError as e:
            if args.expect_unauthenticated and e.code() == grpc.StatusCode.UNAUTHENTICATED:
                print("join refused as expected: %s %s" % (e.code().name, e.details()))
                return 0
            raise
        if args.expect_unauthenticated:
            raise Failure("join succeeded (session %s) but UNAUTHENTICATED was expected" % reply.session)
        print("joined: session %s, chunk_bytes %d, max_message_bytes %d" % (reply.session, reply.chunk_bytes, reply.max_message_bytes))
        sys.stdout.flush()

        served = 0
        polls = 0
        while served < args.instructions:
            wait = min(args.poll_wait_ms, int(remaining(deadline) * 1000))
            chunks = list(next_(m["NextRequest"](client_id=args.client_id, session=reply.session, wait_ms=wait),
                                timeout=min(remaining(deadline), wait / 1000.0 + 10)))
            polls += 1
            if not chunks:
                # Nothing within the wait: the server ended the stream without a message; poll again.
                print("no instruction within %d ms; polling again" % wait)
                sys.stdout.flush()
                continue
            first, payload = assemble(chunks)
            kind = first.WhichOneof("kind")
            if kind == "stop":
                print("stop after %d instructions and %d polls: %s" % (served, polls, first.stop.reason))
                return 0

            if kind == "fit":
                weights, delta = fit_delta(payload, first.fit.dimension, args.client_id)

                def header(c, n=len(weights), w0=(weights[0] if weights else 0.0)):
                    c.update.delta = True
                    c.update.samples = args.samples
                    c.update.dimension = n
                    c.metrics.add(name="train_loss", value=abs(w0))

                out = answer_chunks(m, first, reply.session, args.client_id, delta, reply.chunk_bytes, header)
                what = "fit of %d weights in %d chunks, answered in %d chunks" % (len(weights), len(chunks), len(out))
            elif kind == "evaluate":
                def header(c):
                    c.evaluation.samples = args.samples
                    c.evaluation.loss = 1.0
                    c.evaluation.accuracy = 0.5

                out = answer_chunks(m, first, reply.session, args.client_id, b"", reply.chunk_bytes, header)
                what = "evaluation"
            else:
                def header(c, kind=kind):
                    c.failure.kind = "Error"
                    c.failure.reason = "the Python participant does not run %s instructions" % kind

                out = answer_chunks(m, first, reply.session, args.client_id, b"", reply.chunk_bytes, header)
                what = "refused %s" % kind

            ack = answer(iter(out), timeout=remaining(deadline))
            if not ack.accepted:
                raise Failure("the server did not accept the answer to request %d" % first.request)
            served += 1
            print("round %d, request %d: %s" % (first.round, first.request, what))
            sys.stdout.flush()

        print("served %d instructions in %d polls" % (served, polls))
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="host:port (or http://host:port/) of the FedShield server")
    parser.add_argument("--client-id", type=int, required=True)
    parser.add_argument("--descriptor-set", required=True, help="binary FileDescriptorSet of fedshield.proto")
    parser.add_argument("--instructions", type=int, default=1, help="exit 0 after answering this many instructions")
    parser.add_argument("--token", default="")
    parser.add_argument("--samples", type=int, default=20, help="the sample count reported with each update")
    parser.add_argument("--poll-wait-ms", type=int, default=500, help="wait_ms of each long poll")
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds before giving up")
    parser.add_argument("--expect-unauthenticated", action="store_true",
                        help="exit 0 only if Join is refused with UNAUTHENTICATED")
    args = parser.parse_args()
    try:
        return run(args)
    except grpc.RpcError as e:
        print("error: gRPC %s: %s" % (e.code().name, e.details()), file=sys.stderr)
        return 2
    except Failure as e:
        print("error: %s" % e, file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
