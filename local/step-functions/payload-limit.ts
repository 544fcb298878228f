/**
 * Step Functions' payload quota: an execution's input, a SendTaskSuccess output, and every
 * state's input, output and task result are at most 256 KiB of UTF-8 *bytes* ("Length constraints
 * apply to the payload size, and are expressed as bytes in UTF-8 encoding"), so 140,000 "é" (two
 * bytes each) are over it though they are only 140,000 characters.
 */
export const MAX_PAYLOAD_BYTES = 262_144;

export const isWithinPayloadLimit = (text: string): boolean => Buffer.byteLength(text, 'utf8') <= MAX_PAYLOAD_BYTES;
