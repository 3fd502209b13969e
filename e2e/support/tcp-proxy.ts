// A TCP relay between one app and the desk database, so a test can take that one app offline (the
// network drops) while the other stays connected, then bring it back on the same port.
import net from 'node:net'

export interface TcpProxy {
  port: number
  /** Drops every connection and stops listening: the app behind it is offline. */
  cut(): Promise<void>
  /** Listens again on the same port. */
  restore(): Promise<void>
  /**
   * The next push's answer is lost: once a connection has sent `factdesk.push_staged` and then its
   * COMMIT, the server's reply to the COMMIT (sent after the commit is done) is dropped and that
   * connection cut, as a network that fails at that instant would. Resolves when it has happened.
   */
  loseNextPushAnswer(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null
  let port = 0
  let losing: (() => void) | null = null
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => {
            client.destroy()
            upstream.destroy()
          })
        }
        let pushed = false
        let committing = false
        client.on('data', (chunk: Buffer) => {
          if (losing) {
            const text = chunk.toString('latin1')
            if (text.includes('factdesk.push_staged')) pushed = true
            else if (text.includes('ROLLBACK')) pushed = false
            else if (pushed && text.includes('COMMIT')) committing = true
          }
          upstream.write(chunk)
        })
        upstream.on('data', (chunk: Buffer) => {
          if (committing && losing) {
            const done = losing
            losing = null
            client.destroy()
            upstream.destroy()
            done()
            return
          }
          client.write(chunk)
        })
        client.on('end', () => upstream.end())
        upstream.on('end', () => client.end())
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        const address = s.address()
        if (typeof address === 'object' && address) port = address.port
        server = s
        resolve()
      })
    })
  const cut = async (): Promise<void> => {
    const s = server
    server = null
    for (const socket of sockets) socket.destroy()
    sockets.clear()
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }
  await listen()
  return {
    get port() {
      return port
    },
    cut,
    restore: listen,
    loseNextPushAnswer: () => new Promise<void>((resolve) => (losing = resolve)),
    close: cut
  }
}
