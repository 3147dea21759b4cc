import { DataType, Type } from 'apache-arrow';
import { arrowTypeFor, type KqlType } from '@kqlr/common';

/**
 * Whether a file column's Arrow type is laid out as the executor reads `kql` values. A `kql.type`
 * tag or a permissive default ("anything else is a string") says what a column means, not how its
 * bytes are laid out: a corrupt or foreign file can tag a list as a string (reader fuzz: a flipped
 * type id turned a dictionary's Utf8 values into a LargeList without children), and reading it as
 * one would crash or misread. Strings may be plain or dictionary-encoded.
 */
export function layoutHolds(type: DataType, kql: KqlType): boolean {
  if (kql === 'string' || kql === 'guid' || kql === 'dynamic') {
    const values = DataType.isDictionary(type) ? (type.dictionary as DataType | undefined) : type;
    if (DataType.isDictionary(type) && !DataType.isInt(type.indices)) return false;
    return values !== undefined && (values.typeId === Type.Utf8 || values.typeId === Type.LargeUtf8);
  }
  const expected = arrowTypeFor(kql);
  if (type.typeId !== expected.typeId) return false;
  if (DataType.isInt(type) && DataType.isInt(expected)) return type.bitWidth === expected.bitWidth && type.isSigned === expected.isSigned;
  if (DataType.isFloat(type) && DataType.isFloat(expected)) return type.precision === expected.precision;
  return true;
}

/** A type's name for messages (its toString can recurse into corrupt children). */
export function arrowTypeName(type: DataType): string {
  return Type[type.typeId] ?? `type id ${String(type.typeId)}`;
}
