import type { PostContent } from '../../../../src/platforms/adapter';
import { buildPhotoPostBody, choosePrivacyLevel, fitDescription, truncateUtf16 } from '../../../../src/platforms/tiktok/publish-post';
import { decidePrivacyLevel } from '../../../../src/platforms/tiktok/privacy-choice';

describe('choosePrivacyLevel', () => {
  it('prefers public, then the widest option offered, whatever the order', () => {
    expect(choosePrivacyLevel(['SELF_ONLY', 'MUTUAL_FOLLOW_FRIENDS', 'PUBLIC_TO_EVERYONE'])).toBe('PUBLIC_TO_EVERYONE');
    expect(choosePrivacyLevel(['SELF_ONLY', 'FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS'])).toBe('MUTUAL_FOLLOW_FRIENDS');
    expect(choosePrivacyLevel(['SELF_ONLY', 'FOLLOWER_OF_CREATOR'])).toBe('FOLLOWER_OF_CREATOR');
    expect(choosePrivacyLevel(['SELF_ONLY'])).toBe('SELF_ONLY');
    expect(choosePrivacyLevel([])).toBeNull();
  });
});

describe('truncateUtf16', () => {
  it('keeps short text as is', () => {
    expect(truncateUtf16('a'.repeat(90), 90)).toBe('a'.repeat(90));
  });

  it('cuts long text to the limit in UTF-16 units with an ellipsis', () => {
    const cut = truncateUtf16('a'.repeat(200), 90);
    expect(cut).toHaveLength(90);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateUtf16(`${'a'.repeat(88)}🎤🎤🎤`, 90);
    expect(cut).toBe(`${'a'.repeat(88)}…`);
    expect(cut.length).toBeLessThanOrEqual(90);
  });
});

describe('fitDescription', () => {
  it('keeps the marker at the end when the text is too long', () => {
    const marker = '[lc:ses_abc]';
    const fitted = fitDescription(`${'x'.repeat(5000)}\n${marker}`, marker);
    expect(fitted).toHaveLength(4000);
    expect(fitted.endsWith(marker)).toBe(true);
  });

  it('leaves text within 4000 units untouched', () => {
    expect(fitDescription('short [m]', '[m]')).toBe('short [m]');
  });
});

describe('buildPhotoPostBody', () => {
  it('builds a direct photo post with at most 35 images', () => {
    const content: PostContent = {
      title: 'Live tonight',
      text: 'Live tonight at 20:00 [m]',
      marker: '[m]',
      imageUrls: Array.from({ length: 40 }, (_, i) => `https://cdn.example.com/${i}.jpg`),
    };
    const body = buildPhotoPostBody(content, 'SELF_ONLY') as { source_info: { photo_images: string[] } };
    expect(body).toMatchObject({
      media_type: 'PHOTO',
      post_mode: 'DIRECT_POST',
      post_info: {
        title: 'Live tonight',
        description: content.text,
        privacy_level: 'SELF_ONLY',
        disable_comment: false,
        auto_add_music: true,
        brand_content_toggle: false,
        brand_organic_toggle: false,
      },
      source_info: { source: 'PULL_FROM_URL', photo_cover_index: 0 },
    });
    expect(body.source_info.photo_images).toEqual(content.imageUrls.slice(0, 35));
  });

  it('sends the disclosure and comment choices as given, and comments off when the creator turned them off', () => {
    const content: PostContent = { title: 't', text: 't [m]', marker: '[m]', imageUrls: ['https://cdn.example.com/a.jpg'], tiktok: { audited: true, brandContent: true, brandOrganic: true } };
    expect(buildPhotoPostBody(content, 'PUBLIC_TO_EVERYONE')).toMatchObject({ post_info: { brand_content_toggle: true, brand_organic_toggle: true, disable_comment: false } });
    expect(buildPhotoPostBody(content, 'PUBLIC_TO_EVERYONE', true)).toMatchObject({ post_info: { disable_comment: true } });
  });
});

describe('decidePrivacyLevel', () => {
  const options = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];
  it('sends SELF_ONLY only while the app is unaudited, whatever was chosen', () => {
    expect(decidePrivacyLevel(options, { audited: false, privacyLevel: 'PUBLIC_TO_EVERYONE' })).toEqual({ ok: true, level: 'SELF_ONLY' });
    expect(decidePrivacyLevel(['PUBLIC_TO_EVERYONE'], { audited: false })).toMatchObject({ ok: false });
  });
  it('takes the organizer\'s choice when the creator offers it, else refuses naming the options', () => {
    expect(decidePrivacyLevel(options, { audited: true, privacyLevel: 'MUTUAL_FOLLOW_FRIENDS' })).toEqual({ ok: true, level: 'MUTUAL_FOLLOW_FRIENDS' });
    const refused = decidePrivacyLevel(options, { audited: true, privacyLevel: 'FOLLOWER_OF_CREATOR' });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.why).toContain('PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY');
  });
  it('without a choice takes the widest level offered', () => {
    expect(decidePrivacyLevel(options, { audited: true })).toEqual({ ok: true, level: 'PUBLIC_TO_EVERYONE' });
    expect(decidePrivacyLevel(options, undefined)).toEqual({ ok: true, level: 'PUBLIC_TO_EVERYONE' });
  });
});
