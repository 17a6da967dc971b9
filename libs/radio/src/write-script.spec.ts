import { writeBroadcastScript } from './write-script';

describe('writeBroadcastScript', () => {
  const script = writeBroadcastScript({
    title: 'Ủng hộ công tác phòng, chống dịch Covid-19',
    body: 'Truy cập trang vandongxahoi chấm mattran chấm org chấm vn để ủng hộ.',
    issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    documentCode: '2942/MTTW-BTT',
  });

  it('opens, carries the body and legal basis, and closes', () => {
    expect(script.text.startsWith('Kính thưa quý vị và các bạn!')).toBe(true);
    expect(script.text).toContain('Sở thông tin và truyền thông xin thông tin');
    expect(script.text).toContain('theo văn bản số 2942/MTTW-BTT');
    expect(script.text).toContain('vandongxahoi chấm mattran');
    expect(script.text.trim().endsWith('đã lắng nghe!')).toBe(true);
  });

  it('estimates reading time from the syllable count', () => {
    expect(script.words).toBe(script.text.split(/\s+/).filter(Boolean).length);
    expect(script.estimatedSeconds).toBe(Math.ceil((script.words / 130) * 60));
    const longer = writeBroadcastScript({ title: 't', body: 'một '.repeat(260), issuer: null, documentCode: null });
    expect(longer.estimatedSeconds).toBeGreaterThan(120);
  });
});
