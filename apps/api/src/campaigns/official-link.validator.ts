import {
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { loadOfficialDomains, officialLink } from '@loa/directives';

/**
 * A click target people are sent to from a government portal must be an official site (config/official-domains.json:
 * `*.gov.vn`, `mattran.org.vn`…), never any address: the rule is `officialLink` (libs/directives), which also refuses
 * addresses with credentials ("https://gov.vn@evil.example").
 */
@ValidatorConstraint({ name: 'officialLink' })
class OfficialLinkConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && officialLink(value, loadOfficialDomains()) !== null;
  }

  defaultMessage(args: ValidationArguments): string {
    const suffixes = loadOfficialDomains().suffixes.join(', ');
    return (
      `${args.property} phải là trang chính thức (tên miền thuộc ${suffixes}) / ` +
      `${args.property} must be an official site (a domain under ${suffixes})`
    );
  }
}

export function IsOfficialLink(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: OfficialLinkConstraint,
    });
}
