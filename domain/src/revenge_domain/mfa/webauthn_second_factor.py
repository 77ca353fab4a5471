"""A security key as the second factor of a sign-in whose password was right."""

from __future__ import annotations

from typing import Any

import attrs

from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import ClientInfo, SignedIn
from revenge_domain.identity.lockout import account_key
from revenge_domain.mfa.login import PendingLogin, SignInWithSecondFactor
from revenge_domain.mfa.webauthn import Json, WebAuthnLogin


@attrs.define
class WebAuthnSecondFactor:
    """Finish a pending sign-in with one of the pending user's own security keys.

    An assertion that proves nothing (another user's key, a spent challenge, a bad signature)
    counts as a failed sign-in, like a wrong TOTP code.
    """

    keys: WebAuthnLogin
    sign_in: SignInWithSecondFactor

    async def begin(self, pending: PendingLogin) -> dict[str, Any]:
        """Request options that allow only the pending user's keys."""
        return await self.keys.begin(pending.user_id)

    async def finish(self, pending: PendingLogin, response: Json, client: ClientInfo) -> SignedIn:
        await self.sign_in.login.check_lockout(account_key(pending.user_id))
        try:
            await self.keys.prove(pending.user_id, response)
        except Unauthenticated:
            await self.sign_in.fail(pending, client)
            raise
        return await self.sign_in.finish(pending, client)
