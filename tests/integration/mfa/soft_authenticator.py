"""A software WebAuthn authenticator (one P-256 key, "none" attestation) that answers the JSON
options our server sends with the JSON credentials a browser would post."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

USER_PRESENT, ATTESTED = 0x01, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


class SoftAuthenticator:
    """Holds one credential; `sign_count` goes up by one at every assertion."""

    def __init__(self) -> None:
        self.credential_id = os.urandom(32)
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.sign_count = 0
        self.rp_id = ""

    def create(self, options: dict[str, Any], origin: str) -> dict[str, Any]:
        """The answer of navigator.credentials.create() to the server's creation options."""
        self.rp_id = options["rp"]["id"]
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        auth_data = (
            self._header(USER_PRESENT | ATTESTED)
            + bytes(16)  # aaguid
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + cbor2.dumps(self._cose_key())
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return self._credential(
            {"clientDataJSON": b64url(client_data), "attestationObject": b64url(attestation)}
        )

    def get(self, options: dict[str, Any], origin: str) -> dict[str, Any]:
        """The answer of navigator.credentials.get() to the server's request options."""
        self.sign_count += 1
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = self._header(USER_PRESENT)
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return self._credential(
            {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            }
        )

    def _header(self, flags: int) -> bytes:
        rp_hash = hashlib.sha256(self.rp_id.encode()).digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.sign_count)

    def _client_data(self, kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin}).encode()

    def _cose_key(self) -> dict[int, Any]:
        numbers = self.key.public_key().public_numbers()
        return {
            1: 2,  # kty: EC2
            3: -7,  # alg: ES256
            -1: 1,  # crv: P-256
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }

    def _credential(self, response: dict[str, str]) -> dict[str, Any]:
        cid = b64url(self.credential_id)
        return {"id": cid, "rawId": cid, "type": "public-key", "response": response}
