/**
 * Minimal hand-written typings for `smpp@0.5.1` (farhadi/node-smpp ships none), covering only what the
 * notification transport and the SMSC simulator use. The package is CommonJS: import it as a default.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /** short_message / message_payload as the library decodes them (UDH split into its elements). */
    interface DecodedMessage {
      message: string | Buffer;
      udh?: Buffer[];
    }

    /** What the library accepts for short_message: text is encoded per data_coding, udh is prepended. */
    type MessageInput = string | Buffer | { message: string | Buffer; udh?: Buffer };

    /** PDU body fields by SMPP 3.4 name; TLVs by their library name (e.g. receipted_message_id). */
    interface PduParams {
      command_status?: number;
      sequence_number?: number;
      system_id?: string;
      password?: string;
      system_type?: string;
      interface_version?: number;
      service_type?: string;
      source_addr_ton?: number;
      source_addr_npi?: number;
      source_addr?: string;
      dest_addr_ton?: number;
      dest_addr_npi?: number;
      destination_addr?: string;
      esm_class?: number;
      registered_delivery?: number;
      /** null (the default) lets the library guess, and it labels GSM text as 1 (IA5): set it. */
      data_coding?: number | null;
      short_message?: MessageInput;
      message_payload?: MessageInput;
      message_id?: string;
      receipted_message_id?: string;
      message_state?: number;
      [tlv: string]: unknown;
    }

    interface PDU {
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      system_id?: string;
      password?: string;
      system_type?: string;
      source_addr?: string;
      destination_addr?: string;
      esm_class?: number;
      registered_delivery?: number;
      data_coding?: number | null;
      short_message?: DecodedMessage;
      message_payload?: DecodedMessage;
      message_id?: string;
      receipted_message_id?: string;
      isResponse(): boolean;
      /** A response PDU with the same sequence_number; a non-zero command_status drops the body. */
      response(options?: PduParams): PDU;
      [field: string]: unknown;
    }

    type ResponseCallback = (pdu: PDU) => void;

    class Session extends EventEmitter {
      socket: Socket;
      /** Each returns false (and never calls back) when the socket is not writable. */
      bind_transceiver(params: PduParams, callback?: ResponseCallback): boolean;
      submit_sm(params: PduParams, callback?: ResponseCallback): boolean;
      deliver_sm(params: PduParams, callback?: ResponseCallback): boolean;
      enquire_link(callback?: ResponseCallback): boolean;
      enquire_link(params: PduParams, callback?: ResponseCallback): boolean;
      unbind(callback?: ResponseCallback): boolean;
      unbind(params: PduParams, callback?: ResponseCallback): boolean;
      send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
      pause(): void;
      resume(): void;
      /** Ends the socket (graceful); the callback runs on 'close'. */
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;

      on(event: 'connect' | 'close', listener: () => void): this;
      on(event: 'error', listener: (err: Error) => void): this;
      /** PDU events are named after the command: 'deliver_sm', 'enquire_link', 'unbind', … */
      on(event: string, listener: (pdu: PDU) => void): this;
      once(event: 'connect' | 'close', listener: () => void): this;
      once(event: 'error', listener: (err: Error) => void): this;
      once(event: string, listener: (pdu: PDU) => void): this;
    }

    class Server extends NetServer {
      /** Sessions whose socket is still open. */
      sessions: Session[];
    }

    interface ConnectOptions {
      /** smpp://host:port (ssmpp:// for TLS) */
      url?: string;
      host?: string;
      port?: number;
      auto_enquire_link_period?: number;
    }

    function connect(options: ConnectOptions | string, listener?: () => void): Session;
    function createServer(listener?: (session: Session) => void): Server;
    function createServer(options: object, listener?: (session: Session) => void): Server;

    /** Command status codes by name, e.g. errors.ESME_RBINDFAIL === 0x0d. */
    const errors: Record<string, number>;
    const ESME_ROK: number;
    const ESME_RINVBNDSTS: number;
    const ESME_RALYBND: number;
    const ESME_RSYSERR: number;
    const ESME_RBINDFAIL: number;
    const ESME_RTHROTTLED: number;
  }

  export = smpp;
}
