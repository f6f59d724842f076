import type { LanguageService } from '../service';

// Placeholder until the runmirrors-mirror language lands: registered so the catalogue and the server know the language.
export const mirrorListService: LanguageService = {
  id: 'runmirrors-mirror',
  rules: [],
  validate() {
    return [];
  },
};
