import { wavDurationSeconds } from './wav';

function wav(seconds: number, sampleRate = 22050, dataSizeField?: number): Buffer {
  const data = Buffer.alloc(Math.round(seconds * sampleRate) * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataSizeField ?? data.length, 40);
  return Buffer.concat([header, data]);
}

describe('wavDurationSeconds', () => {
  it('reads the duration from the header', () => {
    expect(wavDurationSeconds(wav(2.5))).toBeCloseTo(2.5, 3);
  });

  it('uses the file length when the data size was left open (streamed output)', () => {
    expect(wavDurationSeconds(wav(1, 22050, 0xffffffff))).toBeCloseTo(1, 3);
    expect(wavDurationSeconds(wav(1, 22050, 0))).toBeCloseTo(1, 3);
  });

  it('refuses what is not WAVE', () => {
    expect(wavDurationSeconds(Buffer.from('ID3 not a wav file at all'))).toBeNull();
  });
});
