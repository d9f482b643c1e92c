/** Services files for the content tests: two skills and a handful of documents. */
export const CONTENT_SERVICES: Record<string, string> = {
  'skills/summarise.md': '---\nname: summarise\ndescription: Summarise in five bullets\n---\nUse at most five bullets.\n',
  'skills/review.md': '---\nname: review\ndescription: Review a change\nlicense: MIT\n---\nCheck correctness first.\n',
  'content/alpha.md': '---\ntitle: Alpha guide\ntags: [onboarding, Gateway]\n---\nRotating keys with the vault.\n',
  'content/guides/beta.md': '---\ntitle: Beta guide\nslug: beta\ntags: [onboarding]\n---\nConnecting MCP servers.\n',
  'content/guides/gamma.md': '---\ntitle: Gamma notes\ntags: [mcp]\n---\nThe vault stores upstream MCP secrets.\n',
  'content/draft.md': '---\ntitle: Secret roadmap\ntags: [onboarding]\npublished: false\n---\nNot yet.\n',
};
