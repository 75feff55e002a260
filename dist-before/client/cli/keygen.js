/** `pilotmq keygen`: a new CURVE key pair for a manager or a client (README "Security / threat model"). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { curveKeyPair } from 'zeromq';
import { writeKeyPairFiles } from '../../protocol/curve-keys.js';
import { EXIT, UsageError } from './commands.js';
export function keygenCommand(args) {
    const name = String(args.name);
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
        throw new UsageError(`keygen: --name ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-' (not starting with '.')`);
    }
    const dir = path.resolve(args.out ?? '.');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = curveKeyPair();
    const { keyFile, pubFile } = writeKeyPairFiles(pair, dir, name);
    if (args.json)
        process.stdout.write(`${JSON.stringify({ publicKey: pair.publicKey, keyFile, pubFile })}\n`);
    else {
        process.stdout.write(`${pair.publicKey}\n`);
        process.stderr.write(`pilotmq: secret key pair in ${keyFile} (mode 0600), public key in ${pubFile}\n`);
    }
    return EXIT.OK;
}
//# sourceMappingURL=keygen.js.map