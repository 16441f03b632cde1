import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationSubscriber } from '../../../shared/infrastructure/pg-notification-listener';
import { SEARCH_VOCABULARY_CHANNEL, SearchVocabularyCache } from './search-vocabulary.cache';

/** Drops the process's vocabulary cache on every change of `search_words` (LISTEN/NOTIFY). */
@Injectable()
export class SearchVocabularyListener extends NotificationSubscriber {
  constructor(dataSource: DataSource, cache: SearchVocabularyCache) {
    super(dataSource, SEARCH_VOCABULARY_CHANNEL, {
      notify: () => cache.clear(),
      live: (live) => cache.setLive(live),
    });
  }
}
