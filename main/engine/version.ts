/** Version of the statistics engine, printed with every result and on every report page. */
export const ENGINE_VERSION = '0.1.0'
