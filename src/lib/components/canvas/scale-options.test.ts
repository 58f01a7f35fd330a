import { describe, expect, it } from 'vitest';
import { scaleOptions } from './scale-options';

describe('scaleOptions', () => {
  it('has every choice on without switches', () => {
    expect(scaleOptions('')).toEqual({ lod: true, visibleOnly: true, hoverHandles: true });
    expect(scaleOptions('?design=x&lod=1')).toEqual({ lod: true, visibleOnly: true, hoverHandles: true });
  });

  it('switches off exactly the named choices', () => {
    expect(scaleOptions('?lod=0')).toEqual({ lod: false, visibleOnly: true, hoverHandles: true });
    expect(scaleOptions('?visibleOnly=false')).toEqual({ lod: true, visibleOnly: false, hoverHandles: true });
    expect(scaleOptions('?hoverHandles=off')).toEqual({ lod: true, visibleOnly: true, hoverHandles: false });
    expect(scaleOptions('?lod=0&visibleOnly=0&hoverHandles=0')).toEqual({
      lod: false,
      visibleOnly: false,
      hoverHandles: false,
    });
  });
});
