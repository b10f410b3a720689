import { createConnection, createServer } from 'node:net';

/** A loopback port that was free a moment ago (the caller must cope with losing a race). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no port from ${JSON.stringify(address)}`))));
    });
  });
}

/** Connects once; resolves with the first bytes the server sends (empty when it sends none within 1 s). */
export function probeTcp(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host });
    let received = '';
    const finish = (): void => {
      socket.destroy();
      resolve(received);
    };
    socket.setTimeout(1000, finish);
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\n')) finish();
    });
    socket.once('end', finish);
  });
}
