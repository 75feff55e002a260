export interface CurveKeyPair {
    /** Z85, 40 characters */
    publicKey: string;
    /** Z85, 40 characters */
    secretKey: string;
}
export declare function isZ85Key(text: string): boolean;
/** 32 key bytes → 40 Z85 characters. */
export declare function z85Encode(bytes: Uint8Array): string;
/** Z85 text → bytes. Throws on a character outside the alphabet or a length not a multiple of 5. */
export declare function z85Decode(text: string): Buffer;
/** The CURVE public key of a secret key (CURVE keys are X25519 keys). */
export declare function publicKeyOf(secretKey: string): string;
/** Read a key pair file (see the module comment). Errors name the file and what is wrong. */
export declare function readKeyPairFile(file: string): CurveKeyPair;
/**
 * A public key given as Z85 text or as a file holding one (a `.pub` file, or a key file's `public-key` line).
 * `what` names it in errors, e.g. "--server-key".
 */
export declare function readPublicKey(value: string, what: string): string;
/** Authorized client keys: one Z85 public key per line, `#` comments. Errors name the file and the line. */
export declare function readAuthorizedKeys(file: string): Set<string>;
/**
 * Write a new key pair as `<dir>/<name>.key` (mode 0600) and `<dir>/<name>.pub`. Never overwrites: an existing
 * file is an error. Returns the two paths.
 */
export declare function writeKeyPairFiles(pair: CurveKeyPair, dir: string, name: string): {
    keyFile: string;
    pubFile: string;
};
