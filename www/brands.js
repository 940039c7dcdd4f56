// Card brand marks (small inline SVGs) and names, from the package's brand table.
import { brands } from 'omnigate-card';

const frame = (body) =>
  `<svg class="mark" viewBox="0 0 40 26" width="40" height="26" aria-hidden="true" focusable="false">${body}</svg>`;
const word = (fill, text, color = '#fff', size = 10) =>
  frame(`<rect width="40" height="26" rx="4" fill="${fill}"/><text x="20" y="17" text-anchor="middle" font-family="Arial,sans-serif" font-weight="700" font-style="italic" font-size="${size}" fill="${color}">${text}</text>`);

const MARKS = {
  visa: word('#1a1f71', 'VISA'),
  mastercard: frame('<rect width="40" height="26" rx="4" fill="#222"/><circle cx="16" cy="13" r="8" fill="#eb001b"/><circle cx="24" cy="13" r="8" fill="#f79e1b" fill-opacity=".9"/>'),
  'american-express': word('#1f72cd', 'AMEX', '#fff', 9),
  discover: word('#fff', 'DISC', '#f47216', 9),
  'diners-club': word('#0079be', 'DC'),
  jcb: word('#0b4ea2', 'JCB'),
  unionpay: word('#d10429', 'UP'),
  maestro: frame('<rect width="40" height="26" rx="4" fill="#222"/><circle cx="16" cy="13" r="8" fill="#0099df"/><circle cx="24" cy="13" r="8" fill="#e00" fill-opacity=".85"/>'),
};
const GENERIC = frame('<rect x=".5" y=".5" width="39" height="25" rx="4" fill="#f3f4f6" stroke="#9ca3af"/><rect x="0" y="6" width="40" height="4" fill="#9ca3af"/><rect x="5" y="16" width="14" height="3" rx="1" fill="#9ca3af"/>');

/** The inline SVG mark of a package brand id (a generic card when unknown). */
export const markOf = (id) => MARKS[id] ?? GENERIC;

/** The package brand of an OPP `paymentBrand` (`VISA`, `MASTER`...), or null. */
export function brandOfGateway(gatewayBrand) {
  return brands().find((brand) => brand.gatewayBrand === gatewayBrand) ?? null;
}
