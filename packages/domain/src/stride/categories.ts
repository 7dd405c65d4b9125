import type { StrideCategory } from '../model/vocabulary.js';

/** The STRIDE columns in their conventional order. */
export const strideCategories: readonly StrideCategory[] = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
];

/** The one-letter column heading of each category. */
export const strideLetter: Record<StrideCategory, 'S' | 'T' | 'R' | 'I' | 'D' | 'E'> = {
  spoofing: 'S',
  tampering: 'T',
  repudiation: 'R',
  information_disclosure: 'I',
  denial_of_service: 'D',
  elevation_of_privilege: 'E',
};
