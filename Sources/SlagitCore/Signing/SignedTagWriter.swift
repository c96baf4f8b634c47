/// Writes a signed annotated tag exactly as `git tag -s` would, after checking that the
/// new signature verifies here as the person it is for, so a key that is not theirs
/// never produces a tag.
struct SignedTagWriter {
    let repository: Repository
    let signing: SigningConfig

    /// Signs and stores the tag `name` on `target`; `signer` is the e-mail the signature
    /// must speak for. Throws, with nothing written, when it would not.
    @discardableResult
    func write(target: ObjectID, name: String, tagger: GitIdentity, message: String, signer: String) throws -> ObjectID
    {
        let payload = TagObject.payload(target: target, name: name, tagger: tagger, message: message)
        let signature = try Signer(config: signing).sign(payload)
        try refuseUnlessItSpeaksFor(signer, payload + signature, tagger: tagger)
        return try repository.createTag(fromBuffer: payload + signature)
    }

    private func refuseUnlessItSpeaksFor(_ signer: String, _ tagText: String, tagger: GitIdentity) throws {
        guard let signed = SignedPayload(tagText) else {
            throw UserError(
                "the signing program returned no signature block", hint: "check gpg.format and the signing program")
        }
        let check = try SignatureVerifier(config: signing).verify(signed, signedAt: tagger.date, expectedSigner: signer)
        let fix =
            signing.format == .ssh
            ? "sign with \(signer)'s own key (user.signingKey); a new key of theirs must first be listed for \(signer) in the allowed-signers file (gpg.ssh.allowedSignersFile), and that change reviewed"
            : "set user.signingKey to a key whose user id is \(signer)"
        guard check.outcome == .good else {
            throw UserError(
                "the new signature does not verify here (\(check.outcome.rawValue)): \(check.detail); no tag was written",
                hint: fix)
        }
        guard check.identities.contains(signer.lowercased()) else {
            let owner = check.identities.isEmpty ? "an unknown signer" : check.identities.joined(separator: ", ")
            throw UserError("your signing key belongs to \(owner), not to \(signer); no tag was written", hint: fix)
        }
    }
}
