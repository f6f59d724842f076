import type { LanguageService } from '../service';

// Placeholder until the rsyncd-secrets language lands: registered so the catalogue and the server know the language.
export const secretsService: LanguageService = {
  id: 'rsyncd-secrets',
  rules: [],
  validate() {
    return [];
  },
};
