// After install: say whether an Electron binary is present. Machines that cannot download it can
// still build, run unit tests and run the e2e suite with the browser driver.
const { electronBinary } = require('./electron-binary.cjs')

const binary = electronBinary()
if (binary) console.log(`[factdesk] Electron binary: ${binary}`)
else
  console.log(
    '[factdesk] No Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD or offline). `npm test` uses the browser e2e driver; install Electron (`npx install-electron`) to run `npm start` and `npm run test:e2e:electron`.'
  )
